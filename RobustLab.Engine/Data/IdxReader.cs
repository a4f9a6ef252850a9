// IdxReader: the IDX format of MNIST and Fashion-MNIST (LeCun et al., http://yann.lecun.com/exdb/mnist/).
// Header: big-endian magic 0x0000TTDD (TT = 0x08 unsigned byte, DD = number of dimensions), then DD
// big-endian uint32 sizes, then the data row-major. Images: 0x00000803 [N,H,W]; labels: 0x00000801 [N].
// Files may be gzip-compressed (detected by the bytes 1f 8b); every size is checked against the content.
using System.Buffers.Binary;
using System.IO.Compression;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Data;

/// <summary>Reads IDX image and label files, raw or gzip-compressed, with full validation.</summary>
public static class IdxReader
{
    /// <summary>Magic number of an IDX file of unsigned-byte images [N,H,W].</summary>
    public const int ImageMagic = 0x00000803;

    /// <summary>Magic number of an IDX file of unsigned-byte labels [N].</summary>
    public const int LabelMagic = 0x00000801;

    /// <summary>Reads an IDX image file into a tensor [N,1,H,W] with pixels byte/255 in [0,1].</summary>
    /// <exception cref="InvalidDataException">The file is not a well-formed IDX image file.</exception>
    public static Tensor ReadImages(string path)
    {
        var (content, source) = ReadContent(path);
        return ParseImages(content, source);
    }

    /// <summary>Reads an IDX label file; every label must be below <paramref name="classes"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a well-formed IDX label file, or a label is out of range.</exception>
    public static int[] ReadLabels(string path, int classes = 10)
    {
        var (content, source) = ReadContent(path);
        return ParseLabels(content, source, classes);
    }

    /// <summary>Reads a matching pair of IDX image and label files as a <see cref="Dataset"/>.</summary>
    /// <exception cref="InvalidDataException">Either file is malformed, or the two counts differ.</exception>
    public static Dataset ReadDataset(string name, string imagesPath, string labelsPath, int classes = 10)
    {
        var images = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath, classes);
        if (images.N != labels.Length)
            throw new InvalidDataException(
                $"IDX files do not pair up: '{imagesPath}' holds {images.N} images but '{labelsPath}' holds {labels.Length} labels; " +
                "expected the same count (are they from the same split and the same dataset?).");
        return new Dataset(name, images, labels, classes);
    }

    /// <summary>The file's bytes, decompressed if it starts with the gzip magic 1f 8b; and how to name it in messages.</summary>
    internal static (byte[] Content, string Source) ReadContent(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b) return (bytes, $"'{path}'");
        string source = $"'{path}' (gzip content)";
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return (output.ToArray(), source);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException(
                $"{source}: the gzip stream is corrupt or truncated ({e.Message}); expected a complete .gz file — download or copy it again.", e);
        }
    }

    internal static Tensor ParseImages(ReadOnlySpan<byte> content, string source)
    {
        int[] sizes = ParseHeader(content, source, ImageMagic, "images");
        var (n, h, w) = (sizes[0], sizes[1], sizes[2]);
        if (h == 0 || w == 0)
            throw new InvalidDataException($"{source}: image size {h}×{w}; expected rows and columns of at least 1.");
        long pixels = (long)n * h * w;
        if (pixels > Array.MaxLength)
            throw new InvalidDataException($"{source}: {n} images of {h}×{w} are too many to hold in one tensor.");
        int header = HeaderLength(3);
        CheckLength(content, source, header, pixels, $"{n} images of {h}×{w} bytes");
        var images = new Tensor(n, 1, h, w);
        Pixels.ToUnitRange(content.Slice(header), images.Span);
        return images;
    }

    internal static int[] ParseLabels(ReadOnlySpan<byte> content, string source, int classes)
    {
        if (classes < 1 || classes > 256) throw new ArgumentOutOfRangeException(nameof(classes), $"Classes must be in 1..256, got {classes}.");
        int n = ParseHeader(content, source, LabelMagic, "labels")[0];
        int header = HeaderLength(1);
        CheckLength(content, source, header, n, $"{n} one-byte labels");
        var labels = new int[n];
        var data = content.Slice(header);
        for (int i = 0; i < n; i++)
        {
            if (data[i] >= classes)
                throw new InvalidDataException($"{source}: label {data[i]} at index {i} is out of range; expected 0..{classes - 1}.");
            labels[i] = data[i];
        }
        return labels;
    }

    private static int HeaderLength(int dims) => 4 + 4 * dims;

    /// <summary>Checks the magic and returns the dimension sizes.</summary>
    private static int[] ParseHeader(ReadOnlySpan<byte> content, string source, int expectedMagic, string what)
    {
        int dims = expectedMagic & 0xff;
        string expected = $"expected an IDX {what} file with magic 0x{expectedMagic:X8} (unsigned bytes, {dims} dimension{(dims == 1 ? "" : "s")})";
        if (content.Length < 4)
            throw new InvalidDataException($"{source}: truncated — {content.Length} bytes, too short for an IDX magic number; {expected}.");
        int magic = BinaryPrimitives.ReadInt32BigEndian(content);
        if (magic != expectedMagic)
        {
            string seen = (magic >> 16) != 0 ? "not an IDX file"
                : (magic >> 8 & 0xff) != 0x08 ? $"IDX data type 0x{magic >> 8 & 0xff:X2} is not unsigned byte (0x08)"
                : $"an IDX file with {magic & 0xff} dimension{((magic & 0xff) == 1 ? "" : "s")}" + ((magic & 0xff) switch { 1 => " (a label file?)", 3 => " (an image file?)", _ => "" });
            throw new InvalidDataException($"{source}: bad magic number 0x{magic:X8} — {seen}; {expected}.");
        }
        int header = HeaderLength(dims);
        if (content.Length < header)
            throw new InvalidDataException($"{source}: truncated — {content.Length} bytes, shorter than the {header}-byte IDX {what} header.");
        var sizes = new int[dims];
        for (int d = 0; d < dims; d++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(content.Slice(4 + 4 * d));
            if (size > int.MaxValue)
                throw new InvalidDataException($"{source}: dimension {d} has size {size}, which is not plausible for an IDX {what} file.");
            sizes[d] = (int)size;
        }
        return sizes;
    }

    private static void CheckLength(ReadOnlySpan<byte> content, string source, int header, long payload, string description)
    {
        long expected = header + payload;
        if (content.Length < expected)
            throw new InvalidDataException(
                $"{source}: truncated — {content.Length} bytes, but the header announces {description}, so expected {expected} bytes ({header}-byte header + {payload}).");
        if (content.Length > expected)
            throw new InvalidDataException(
                $"{source}: {content.Length - expected} trailing bytes — {content.Length} bytes, but the header announces {description}, so expected exactly {expected} bytes.");
    }
}
