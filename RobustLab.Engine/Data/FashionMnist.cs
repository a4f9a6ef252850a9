// FashionMnist: Zalando's Fashion-MNIST (Xiao, Rasul, Vollgraf 2017), a drop-in MNIST replacement:
// 28×28 grey clothing images, 10 classes, same IDX files and names. Read from <dataDir>/fashion-mnist/,
// else from the Debian package dataset-fashion-mnist (/usr/share/datasets/fashion-mnist/, gzip files).
namespace RobustLab.Engine.Data;

/// <summary>Loads Fashion-MNIST from its original IDX files.</summary>
public static class FashionMnist
{
    /// <summary>Sub-folder of the data directory searched first.</summary>
    public const string Folder = "fashion-mnist";

    /// <summary>Where the Debian package dataset-fashion-mnist installs the four .gz files.</summary>
    public const string DebianDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Class names in label order.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    internal static readonly IdxDatasetSource Source = new("fashion-mnist", "Fashion-MNIST", Folder, [DebianDirectory], folder =>
        $"Install it with `sudo apt-get install dataset-fashion-mnist` (Debian/Ubuntu; the files go to {DebianDirectory}), " +
        $"or copy the four Fashion-MNIST IDX files ({string.Join(", ", IdxDatasetLoader.FileNames)}; .gz allowed) into '{folder}'.");

    /// <summary>Loads the "train" (60000) or "test" (10000) split: images [N,1,28,28] in [0,1], labels 0..9.</summary>
    /// <exception cref="FileNotFoundException">The files are absent; the message says how to get them.</exception>
    /// <exception cref="InvalidDataException">A file is malformed; the message names it and what is wrong.</exception>
    public static Dataset Load(string dataDir, string split) => IdxDatasetLoader.Load(Source, dataDir, split);
}
