// IdxReaderTests: generated IDX files (raw and gzip) read back exactly; each malformed case is
// rejected with a message that names the file, what is wrong and what was expected.
using RobustLab.Engine.Data;

namespace RobustLab.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Write(byte[] content, bool gzip, string name) =>
        _temp.Write(gzip ? IdxBytes.Gzip(content) : content, gzip ? name + ".gz" : name);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Images_read_back_exactly_as_byte_over_255(bool gzip)
    {
        const int n = 5, h = 4, w = 3;
        byte[] pixels = IdxBytes.RandomPixels(n * h * w, seed: 1);
        var images = IdxReader.ReadImages(Write(IdxBytes.Images(pixels, n, h, w), gzip, "images-idx3-ubyte"));

        Assert.Equal([n, 1, h, w], images.Shape);
        for (int i = 0; i < pixels.Length; i++) Assert.Equal(pixels[i] / 255f, images[i]);
        Assert.Equal(0f, images[0]);
        Assert.Equal(1f, images[^1]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Labels_read_back_exactly(bool gzip)
    {
        byte[] labels = IdxBytes.RandomLabels(37, seed: 2);
        int[] read = IdxReader.ReadLabels(Write(IdxBytes.Labels(labels), gzip, "labels-idx1-ubyte"));
        Assert.Equal(labels.Select(b => (int)b), read);
    }

    [Fact]
    public void Dataset_pairs_images_with_labels()
    {
        byte[] pixels = IdxBytes.RandomPixels(6 * 2 * 2, seed: 3), labels = [3, 1, 4, 1, 5, 9];
        string images = Write(IdxBytes.Images(pixels, 6, 2, 2), gzip: true, "i");
        var dataset = IdxReader.ReadDataset("pair", images, Write(IdxBytes.Labels(labels), gzip: false, "l"));
        Assert.Equal(("pair", 6, 10), (dataset.Name, dataset.Count, dataset.Classes));
        Assert.Equal([1, 2, 2], dataset.ExampleShape);
        Assert.Equal([3, 1, 4, 1, 5, 9], dataset.Labels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Bad_magic_is_rejected(bool gzip)
    {
        byte[] bytes = IdxBytes.WithHeader(0x12345678, [1, 2, 2], new byte[4]);
        string path = Write(bytes, gzip, "bad-magic");
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("bad magic number 0x12345678", e.Message);
        Assert.Contains("not an IDX file", e.Message);
        Assert.Contains("expected an IDX images file with magic 0x00000803", e.Message);
    }

    [Fact]
    public void Label_file_read_as_images_is_rejected()
    {
        string path = Write(IdxBytes.Labels([1, 2, 3]), gzip: false, "swapped");
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains("0x00000801", e.Message);
        Assert.Contains("a label file?", e.Message);
        Assert.Contains("0x00000803", e.Message);
    }

    [Fact]
    public void Non_byte_data_type_is_rejected()
    {
        string path = Write(IdxBytes.WithHeader(0x00000D01, [1], new byte[4]), gzip: false, "floats");
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
        Assert.Contains("data type 0x0D is not unsigned byte (0x08)", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_data_is_rejected(bool gzip)
    {
        byte[] bytes = IdxBytes.Images(new byte[3 * 4 * 4], 3, 4, 4);
        string path = Write(bytes[..^5], gzip, "truncated");
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, e.Message);
        Assert.Contains($"truncated — {bytes.Length - 5} bytes", e.Message);
        Assert.Contains("3 images of 4×4 bytes", e.Message);
        Assert.Contains($"expected {bytes.Length} bytes", e.Message);
    }

    [Fact]
    public void Truncated_header_is_rejected()
    {
        string path = Write(IdxBytes.Images([], 0, 1, 1)[..10], gzip: false, "short");
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains("truncated — 10 bytes, shorter than the 16-byte IDX images header", e.Message);
    }

    [Fact]
    public void Truncated_gzip_stream_is_rejected()
    {
        byte[] gz = IdxBytes.Gzip(IdxBytes.Images(IdxBytes.RandomPixels(50 * 8 * 8, seed: 4), 50, 8, 8));
        string path = _temp.Write(gz[..(gz.Length / 2)], "cut.gz");
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Trailing_bytes_are_rejected(bool gzip)
    {
        byte[] bytes = [.. IdxBytes.Labels([1, 2, 3]), 0, 0];
        string path = Write(bytes, gzip, "trailing");
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("2 trailing bytes", e.Message);
        Assert.Contains("3 one-byte labels", e.Message);
        Assert.Contains("expected exactly 11 bytes", e.Message);
    }

    [Fact]
    public void Count_mismatch_between_images_and_labels_is_rejected()
    {
        string images = Write(IdxBytes.Images(new byte[5 * 2 * 2], 5, 2, 2), gzip: false, "five-images");
        string labels = Write(IdxBytes.Labels([0, 1, 2, 3]), gzip: false, "four-labels");
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadDataset("x", images, labels));
        Assert.Contains($"'{images}' holds 5 images", e.Message);
        Assert.Contains($"'{labels}' holds 4 labels", e.Message);
        Assert.Contains("expected the same count", e.Message);
    }

    [Fact]
    public void Label_out_of_range_is_rejected()
    {
        string path = Write(IdxBytes.Labels([0, 9, 10, 2]), gzip: true, "labels");
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("label 10 at index 2 is out of range; expected 0..9", e.Message);
    }
}
