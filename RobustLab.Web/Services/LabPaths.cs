namespace RobustLab.Web.Services;

/// <summary>Where the app finds models and data: configured paths, else folders of the repository it runs from.</summary>
/// <param name="Registry">The model registry's folder (null: registry/ beside <paramref name="ModelsDirectory"/>).</param>
public sealed record LabPaths(string? RepositoryRoot, string ModelsDirectory, string DataDirectory, string? Registry = null)
{
    public const string SolutionFile = "RobustLab.sln";

    /// <summary>
    /// Configured directories win (relative ones are taken from the repository root, else the content root).
    /// Otherwise models/ beside RobustLab.sln, found by walking up from the content root and from the
    /// app's base directory, and the engine's data directory (<see cref="Engine.Data.DataDirectory"/>:
    /// $ROBUSTLAB_DATA, else data/ beside RobustLab.sln), which the CLI shares.
    /// </summary>
    public static LabPaths Resolve(LabOptions options, string contentRoot)
    {
        var root = FindRepositoryRoot(contentRoot, AppContext.BaseDirectory);
        var anchor = root ?? contentRoot;
        string? Configured(string? dir) => string.IsNullOrWhiteSpace(dir) ? null : Path.GetFullPath(dir, anchor);
        return new LabPaths(root,
            Configured(options.ModelsDirectory) ?? Path.Combine(anchor, "models"),
            Engine.Data.DataDirectory.Resolve(Configured(options.DataDirectory)),
            Configured(options.RegistryDirectory) ?? Path.Combine(anchor, "registry"));
    }

    /// <summary>The model registry's folder: configured, else registry/ at the repository root (beside models/).</summary>
    public string RegistryDirectory => Registry ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(ModelsDirectory))!, "registry");

    /// <summary>The first directory at or above one of <paramref name="starts"/> that holds RobustLab.sln, or null.</summary>
    public static string? FindRepositoryRoot(params string[] starts)
    {
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        }
        return null;
    }

    public string ModelFile(string name) => Path.Combine(ModelsDirectory, name + ".safetensors");

    /// <summary>A path as pages show it, never the server's absolute path: relative to the repository root when inside
    /// it ("models/lenet-like.safetensors"), else its last folder and name ("…/models/lenet-like.safetensors").</summary>
    public string Shown(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (RepositoryRoot is { } root)
        {
            var relative = Path.GetRelativePath(root, full);
            if (relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative))
                return relative.Replace(Path.DirectorySeparatorChar, '/');
        }
        var folder = Path.GetFileName(Path.GetDirectoryName(full));
        return string.IsNullOrEmpty(folder) ? Path.GetFileName(full) : $"…/{folder}/{Path.GetFileName(full)}";
    }

    /// <summary><paramref name="text"/> (an exception's message) with the model and data folders written as <see cref="Shown"/> does.</summary>
    public string ShownIn(string text)
    {
        foreach (var dir in new[] { ModelsDirectory, DataDirectory }.Select(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d))).OrderByDescending(d => d.Length))
            text = text.Replace(dir, Shown(dir), StringComparison.Ordinal);
        return text;
    }
}
