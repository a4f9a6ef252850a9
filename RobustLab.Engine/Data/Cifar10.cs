// Cifar10: CIFAR-10 (Krizhevsky 2009), 32×32 colour, 10 classes, 50000 train / 10000 test, read from
// the binary version's folder <dataDir>/cifar-10-batches-bin/. It cannot be fetched on the build
// machines, so when it is absent the error says where to get it and where to put it.
namespace RobustLab.Engine.Data;

/// <summary>Loads CIFAR-10 from its original binary batch files.</summary>
public static class Cifar10
{
    /// <summary>Sub-folder of the data directory; the name the official archive extracts to.</summary>
    public const string Folder = "cifar-10-batches-bin";

    /// <summary>Class names in label order.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>Batch file names of a split: data_batch_1..5.bin for "train", test_batch.bin for "test".</summary>
    public static IReadOnlyList<string> FileNames(string split) =>
        DataSplit.IsTrain(split) ? [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin")] : ["test_batch.bin"];

    /// <summary>Loads the "train" (50000) or "test" (10000) split: images [N,3,32,32] in [0,1], labels 0..9.</summary>
    /// <exception cref="FileNotFoundException">Files are absent; the message says where to get them and where to put them.</exception>
    /// <exception cref="InvalidDataException">A file is malformed; the message names it and what is wrong.</exception>
    public static Dataset Load(string dataDir, string split)
    {
        ArgumentNullException.ThrowIfNull(dataDir);
        string dir = Path.Combine(Path.GetFullPath(dataDir), Folder);
        var paths = FileNames(split).Select(f => Path.Combine(dir, f)).ToList();
        var missing = paths.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
            throw new FileNotFoundException(
                $"CIFAR-10 {split.ToLowerInvariant()} split not found: missing {string.Join(", ", missing.Select(Path.GetFileName))} in '{dir}'. " +
                "CIFAR-10 cannot be downloaded from this machine. On a machine with internet access, download the " +
                "\"CIFAR-10 binary version (suitable for C programs)\" (cifar-10-binary.tar.gz) from the dataset's home page, " +
                "https://www.cs.toronto.edu/~kriz/cifar.html, extract it (`tar xzf cifar-10-binary.tar.gz` makes a folder " +
                $"{Folder}/), and copy its six files (data_batch_1.bin … data_batch_5.bin, test_batch.bin) into '{dir}'.",
                missing[0]);
        return Cifar10Reader.ReadDataset($"cifar10-{split.ToLowerInvariant()}", paths);
    }
}
