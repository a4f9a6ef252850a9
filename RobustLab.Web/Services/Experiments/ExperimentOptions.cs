namespace RobustLab.Web.Services.Experiments;

/// <summary>The "RobustLab:Experiments" section of appsettings.json (checked when the app starts).</summary>
public sealed class ExperimentOptions
{
    public const string Section = "RobustLab:Experiments";

    public const long MinImportBytes = 1024, MaxImportBytesLimit = 1L << 31;

    /// <summary>Largest experiment file (JSON) an import accepts; default 16 MiB (a 1,000-point sweep is ~0.5 MB, a Lab snapshot ~50 KB).</summary>
    public long MaxImportBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>True when every value is in range.</summary>
    public bool IsValid => MaxImportBytes is >= MinImportBytes and <= MaxImportBytesLimit;

    public static string Problem => $"RobustLab:Experiments:MaxImportBytes must be between {MinImportBytes} and {MaxImportBytesLimit} bytes.";
}
