// IdxDatasetLoaderTests: Mnist / FashionMnist find their files by the standard names (raw or .gz) in
// their data sub-folder, and say exactly what to do when they are absent.
using RobustLab.Engine.Data;

namespace RobustLab.Tests.Data;

public sealed class IdxDatasetLoaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Writes a split of <paramref name="n"/> 28×28 examples under data/&lt;folder&gt;/.</summary>
    private byte[] WriteSplit(string folder, string prefix, int n, bool gzip, int seed)
    {
        byte[] labels = IdxBytes.RandomLabels(n, seed);
        byte[] images = IdxBytes.Images(IdxBytes.RandomPixels(n * 28 * 28, seed), n, 28, 28), labelFile = IdxBytes.Labels(labels);
        string suffix = gzip ? ".gz" : "";
        _temp.Write(gzip ? IdxBytes.Gzip(images) : images, folder, $"{prefix}-images-idx3-ubyte{suffix}");
        _temp.Write(gzip ? IdxBytes.Gzip(labelFile) : labelFile, folder, $"{prefix}-labels-idx1-ubyte{suffix}");
        return labels;
    }

    [Fact]
    public void Mnist_loads_both_splits_raw_or_gzip()
    {
        byte[] train = WriteSplit("mnist", "train", 12, gzip: false, seed: 5);
        byte[] test = WriteSplit("mnist", "t10k", 7, gzip: true, seed: 6);

        var trainSet = Mnist.Load(_temp.Root, "train");
        var testSet = Mnist.Load(_temp.Root, "TEST");

        Assert.Equal(("mnist-train", 12), (trainSet.Name, trainSet.Count));
        Assert.Equal(("mnist-test", 7), (testSet.Name, testSet.Count));
        Assert.Equal([12, 1, 28, 28], trainSet.Images.Shape);
        Assert.Equal(train.Select(b => (int)b), trainSet.Labels);
        Assert.Equal(test.Select(b => (int)b), testSet.Labels);
    }

    [Fact]
    public void Missing_mnist_says_to_run_the_data_command()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Mnist.Load(_temp.Root, "test"));
        string folder = Path.Combine(_temp.Root, "mnist");
        Assert.Contains("MNIST test split not found", e.Message);
        Assert.Contains("t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte", e.Message);
        Assert.Contains("`robustlab data mnist`", e.Message);
        Assert.Contains($"into '{folder}'", e.Message);
        Assert.Equal(Path.Combine(folder, "t10k-images-idx3-ubyte"), e.FileName);
    }

    [Fact]
    public void Half_a_split_names_the_missing_file()
    {
        _temp.Write(IdxBytes.Images(new byte[28 * 28], 1, 28, 28), "mnist", "train-images-idx3-ubyte.gz");
        var e = Assert.Throws<FileNotFoundException>(() => Mnist.Load(_temp.Root, "train"));
        Assert.Contains("has train-images-idx3-ubyte.gz but not train-labels-idx1-ubyte[.gz]", e.Message);
    }

    [Fact]
    public void Fashion_mnist_loads_from_its_own_folder_not_mnists()
    {
        WriteSplit("mnist", "t10k", 3, gzip: false, seed: 7);
        byte[] labels = WriteSplit("fashion-mnist", "t10k", 4, gzip: true, seed: 8);
        var test = FashionMnist.Load(_temp.Root, "test");
        Assert.Equal(("fashion-mnist-test", 4), (test.Name, test.Count));
        Assert.Equal(labels.Select(b => (int)b), test.Labels);
    }

    [Fact]
    public void Missing_fashion_mnist_says_to_install_the_debian_package()
    {
        var source = FashionMnist.Source with { ExtraDirectories = [] };
        var e = Assert.Throws<FileNotFoundException>(() => IdxDatasetLoader.Load(source, _temp.Root, "train"));
        Assert.Contains("Fashion-MNIST train split not found", e.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", e.Message);
        Assert.Contains(Path.Combine(_temp.Root, "fashion-mnist"), e.Message);
    }

    [Fact]
    public void Fashion_mnist_searches_the_debian_location_after_the_data_folder()
    {
        var dirs = IdxDatasetLoader.SearchDirectories(FashionMnist.Source, _temp.Root);
        Assert.Equal([Path.Combine(_temp.Root, "fashion-mnist"), "/usr/share/datasets/fashion-mnist"], dirs);
    }

    [Fact]
    public void Unknown_split_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Mnist.Load(_temp.Root, "validation"));
        Assert.Contains("expected \"train\" or \"test\"", e.Message);
    }
}
