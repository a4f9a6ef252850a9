namespace RobustLab.Web.Services.Registry;

/// <summary>Where the registry keeps its database and files, where the built-in models are, and the import size limit.</summary>
/// <param name="Directory">Holds registry.db and the registered models' safetensors files (created on first use).</param>
/// <param name="BuiltInDirectory">The default models (models/): listed as read-only built-ins.</param>
/// <param name="MaxImportBytes">Largest safetensors file an import accepts.</param>
public sealed record ModelRegistrySettings(string Directory, string BuiltInDirectory, long MaxImportBytes);
