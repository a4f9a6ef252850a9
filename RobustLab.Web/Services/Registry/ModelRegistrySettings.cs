namespace RobustLab.Web.Services.Registry;

/// <summary>Where the registry keeps its database and files, where the built-in models are, and the import limits.</summary>
/// <param name="Directory">Holds registry.db and the registered models' files (created on first use).</param>
/// <param name="BuiltInDirectory">The default models (models/): listed as read-only built-ins.</param>
/// <param name="MaxImportBytes">Largest file an import accepts.</param>
/// <param name="AllowTorchScript">Accept TorchScript archives (.pt) as uploads. Off by default: an archive carries code that
/// libtorch interprets, and libtorch's loader has had memory-safety bugs (README: Your own PyTorch models in the lab).</param>
/// <param name="TorchScriptLoadTimeout">How long an uploaded TorchScript model may take to load and answer its probe batches
/// (default 30 s).</param>
public sealed record ModelRegistrySettings(string Directory, string BuiltInDirectory, long MaxImportBytes,
    bool AllowTorchScript = false, TimeSpan? TorchScriptLoadTimeout = null)
{
    /// <summary>The load time limit of a TorchScript upload.</summary>
    public TimeSpan LoadTimeout => TorchScriptLoadTimeout ?? TimeSpan.FromSeconds(30);
}
