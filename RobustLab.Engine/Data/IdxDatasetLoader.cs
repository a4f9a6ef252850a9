// IdxDatasetLoader: finds and reads a split of an IDX dataset laid out under the standard MNIST
// file names (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-…; each optionally .gz).
// Shared by Mnist and FashionMnist, which differ only in their IdxDatasetSource.
namespace RobustLab.Engine.Data;

internal static class IdxDatasetLoader
{
    /// <summary>The four standard file names, without the optional ".gz".</summary>
    public static readonly IReadOnlyList<string> FileNames =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>Directories searched, in order: &lt;dataDir&gt;/&lt;Folder&gt;, then the extra ones.</summary>
    public static IReadOnlyList<string> SearchDirectories(IdxDatasetSource source, string dataDir) =>
        [Path.Combine(Path.GetFullPath(dataDir), source.Folder), .. source.ExtraDirectories];

    /// <summary>Loads the "train" or "test" split; a <see cref="FileNotFoundException"/> says how to get the files.</summary>
    public static Dataset Load(IdxDatasetSource source, string dataDir, string split)
    {
        ArgumentNullException.ThrowIfNull(dataDir);
        string prefix = DataSplit.IsTrain(split) ? "train" : "t10k";
        string images = $"{prefix}-images-idx3-ubyte", labels = $"{prefix}-labels-idx1-ubyte";
        var directories = SearchDirectories(source, dataDir);
        var partial = new List<string>();
        foreach (string dir in directories)
        {
            string? imagesPath = Find(dir, images), labelsPath = Find(dir, labels);
            if (imagesPath is not null && labelsPath is not null)
                return IdxReader.ReadDataset($"{source.Name}-{split.ToLowerInvariant()}", imagesPath, labelsPath);
            if (imagesPath is not null || labelsPath is not null)
                partial.Add($"'{dir}' has {Path.GetFileName(imagesPath ?? labelsPath)} but not {(imagesPath is null ? images : labels)}[.gz].");
        }
        string preferred = directories[0];
        throw new FileNotFoundException(
            $"{source.Title} {split.ToLowerInvariant()} split not found: looked for {images} and {labels} (each optionally .gz) in " +
            string.Join(", ", directories.Select(d => $"'{d}'")) + ". " +
            (partial.Count > 0 ? string.Join(" ", partial) + " " : "") +
            source.HowToGet(preferred),
            Path.Combine(preferred, images));
    }

    private static string? Find(string dir, string name)
    {
        string raw = Path.Combine(dir, name), gz = raw + ".gz";
        return File.Exists(raw) ? raw : File.Exists(gz) ? gz : null;
    }
}
