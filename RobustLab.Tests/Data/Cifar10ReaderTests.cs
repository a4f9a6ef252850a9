// Cifar10ReaderTests: generated binary batches read back exactly (R, G, B planes → channels 0, 1, 2),
// batches concatenate in file order, and malformed files are rejected with clear messages.
using RobustLab.Engine.Data;

namespace RobustLab.Tests.Data;

public sealed class Cifar10ReaderTests : IDisposable
{
    private const int Plane = 32 * 32;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Pixel byte of record <paramref name="r"/>, channel c, row y, column x: distinct per plane and position.</summary>
    private static byte Pixel(int r, int c, int y, int x) => (byte)(r * 31 + c * 85 + y * 7 + x * 3);

    private static byte[] Batch(byte[] labels, int firstRecord = 0)
    {
        var bytes = new byte[labels.Length * Cifar10Reader.RecordLength];
        for (int i = 0; i < labels.Length; i++)
        {
            int at = i * Cifar10Reader.RecordLength;
            bytes[at++] = labels[i];
            for (int c = 0; c < 3; c++) // file order: all red, then all green, then all blue
                for (int y = 0; y < 32; y++)
                    for (int x = 0; x < 32; x++) bytes[at++] = Pixel(firstRecord + i, c, y, x);
        }
        return bytes;
    }

    [Fact]
    public void Batch_reads_back_exactly_with_rgb_planes_as_channels()
    {
        string path = _temp.Write(Batch([6, 9, 0]), "batch.bin");
        var (images, labels) = Cifar10Reader.ReadBatch(path);

        Assert.Equal([3, 3, 32, 32], images.Shape);
        Assert.Equal([6, 9, 0], labels);
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < 32; y++)
                    for (int x = 0; x < 32; x++)
                        Assert.Equal(Pixel(r, c, y, x) / 255f, images[((r * 3 + c) * 32 + y) * 32 + x]);
        // the red plane of record 0 at (0,0) and the blue plane at (31,31), spelled out
        Assert.Equal(0f, images[0]);
        Assert.Equal(Pixel(0, 2, 31, 31) / 255f, images[2 * Plane + Plane - 1]);
    }

    [Fact]
    public void Load_concatenates_the_five_training_batches_in_order()
    {
        byte[][] labels = [[1, 2], [3], [4, 5, 6], [7], [8, 9]];
        int first = 0;
        for (int b = 0; b < 5; b++)
        {
            _temp.Write(Batch(labels[b], first), "cifar-10-batches-bin", $"data_batch_{b + 1}.bin");
            first += labels[b].Length;
        }
        _temp.Write(Batch([0, 0, 1]), "cifar-10-batches-bin", "test_batch.bin");

        var train = Cifar10.Load(_temp.Root, "train");
        var test = Cifar10.Load(_temp.Root, "test");

        Assert.Equal(("cifar10-train", 9, 10), (train.Name, train.Count, train.Classes));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], train.Labels);
        Assert.Equal([3, 32, 32], train.ExampleShape);
        Assert.Equal(Pixel(5, 1, 4, 2) / 255f, train.Images[((5 * 3 + 1) * 32 + 4) * 32 + 2]);
        Assert.Equal([0, 0, 1], test.Labels);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3072)]
    [InlineData(3073 * 2 + 1)]
    public void Length_not_a_multiple_of_3073_is_rejected(int length)
    {
        string path = _temp.Write(new byte[length], "bad.bin");
        var e = Assert.Throws<InvalidDataException>(() => Cifar10Reader.ReadBatch(path));
        Assert.Contains($"'{path}': {length} bytes is not a positive multiple of 3073", e.Message);
        Assert.Contains("expected a CIFAR-10 binary batch file", e.Message);
    }

    [Fact]
    public void Label_out_of_range_is_rejected()
    {
        string path = _temp.Write(Batch([4, 10]), "bad-label.bin");
        var e = Assert.Throws<InvalidDataException>(() => Cifar10Reader.ReadBatch(path));
        Assert.Contains("label 10 in record 1 (byte offset 3073) is out of range; expected 0..9", e.Message);
    }

    [Fact]
    public void Missing_cifar_says_where_to_get_it_and_where_to_put_it()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Cifar10.Load(_temp.Root, "test"));
        Assert.Contains("missing test_batch.bin", e.Message);
        Assert.Contains("CIFAR-10 binary version", e.Message);
        Assert.Contains("https://www.cs.toronto.edu/~kriz/cifar.html", e.Message);
        Assert.Contains($"to '{Path.Combine(_temp.Root, "cifar-10-batches-bin")}'", e.Message);
    }
}
