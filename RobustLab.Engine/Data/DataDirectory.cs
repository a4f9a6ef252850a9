// DataDirectory: the one place that decides where datasets live.
// Order: explicit argument > environment variable ROBUSTLAB_DATA > data/ under the repository root
// (the first ancestor of the app's base directory holding RobustLab.sln) > data/ under the current directory.
namespace RobustLab.Engine.Data;

/// <summary>Resolves the data directory shared by the CLI, the web app and the tests.</summary>
public static class DataDirectory
{
    /// <summary>Environment variable that overrides the default data directory.</summary>
    public const string EnvironmentVariable = "ROBUSTLAB_DATA";

    /// <summary>File that marks the repository root.</summary>
    public const string SolutionFile = "RobustLab.sln";

    /// <summary>
    /// The data directory as an absolute path: <paramref name="explicitDir"/> if given, else
    /// $ROBUSTLAB_DATA, else &lt;repository root&gt;/data, else &lt;current directory&gt;/data.
    /// The directory is not created.
    /// </summary>
    public static string Resolve(string? explicitDir = null) =>
        Resolve(explicitDir, Environment.GetEnvironmentVariable(EnvironmentVariable), AppContext.BaseDirectory, Directory.GetCurrentDirectory());

    /// <summary>The resolution rule with its inputs made explicit (for tests).</summary>
    internal static string Resolve(string? explicitDir, string? environmentValue, string baseDirectory, string currentDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitDir)) return Path.GetFullPath(explicitDir, currentDirectory);
        if (!string.IsNullOrWhiteSpace(environmentValue)) return Path.GetFullPath(environmentValue, currentDirectory);
        string? root = FindRepositoryRoot(baseDirectory);
        return Path.Combine(root ?? Path.GetFullPath(currentDirectory), "data");
    }

    /// <summary>The nearest ancestor of <paramref name="start"/> (inclusive) that holds RobustLab.sln, or null.</summary>
    internal static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        return null;
    }
}
