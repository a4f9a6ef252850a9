namespace RobustLab.Web.Services.Registry;

/// <summary>Where a model in the registry came from.</summary>
public enum ModelSource
{
    /// <summary>A default model from models/: listed, loadable and downloadable, never deleted.</summary>
    BuiltIn,

    /// <summary>Trained in the lab and saved under a name.</summary>
    Trained,

    /// <summary>Uploaded as a safetensors file or a TorchScript archive.</summary>
    Imported,
}

/// <summary>One model in the registry: its name, architecture, file, checksum and the metadata stored in the file.</summary>
/// <param name="Sha256">Lower-case hex SHA-256 of the file.</param>
/// <param name="Created">When it was registered (for a built-in: the file's last write time).</param>
public sealed record RegisteredModel(string Name, string Architecture, ModelSource Source, string FilePath, long SizeBytes,
    string Sha256, DateTimeOffset Created, IReadOnlyDictionary<string, string> Metadata)
{
    public bool IsBuiltIn => Source == ModelSource.BuiltIn;

    /// <summary>A user's own PyTorch model (a TorchScript archive), run on libtorch.</summary>
    public bool IsTorchScript => Architecture == TorchScriptModels.Architecture;

    /// <summary>A TorchScript model's probed input shape [C,H,W] (from its metadata); null for zoo models (their architecture says).</summary>
    public int[]? InputShape => Metadata.TryGetValue(ModelRegistry.InputShapeKey, out var shape)
        ? shape.Split(',').Select(d => int.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
        : null;

    /// <summary>The file name a download gets.</summary>
    public string DownloadName => Name + (IsTorchScript ? ".pt" : ".safetensors");
}
