// Cifar10Reader: the CIFAR-10 binary batch format (Krizhevsky 2009, "binary version").
// A file is a sequence of 3073-byte records: 1 label byte (0..9), then 3072 pixel bytes — the 1024
// red values, then the 1024 green, then the 1024 blue, each plane 32×32 row-major. That is exactly
// one example of an NCHW tensor [3,32,32], so a record's pixels map to the tensor in order.
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Data;

/// <summary>Reads CIFAR-10 binary batch files (data_batch_1.bin … data_batch_5.bin, test_batch.bin).</summary>
public static class Cifar10Reader
{
    /// <summary>Channels, height and width of one image.</summary>
    public const int Channels = 3, Height = 32, Width = 32;

    /// <summary>Bytes per record: one label byte plus 3·32·32 pixel bytes.</summary>
    public const int RecordLength = 1 + Channels * Height * Width;

    /// <summary>Number of classes; every label byte must be below it.</summary>
    public const int Classes = 10;

    /// <summary>Reads one batch file: images [N,3,32,32] with pixels byte/255 in [0,1], labels [N].</summary>
    /// <exception cref="InvalidDataException">The length is not a positive multiple of 3073, or a label is ≥ 10.</exception>
    public static (Tensor Images, int[] Labels) ReadBatch(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var (images, labels) = Allocate([path]);
        Fill(path, File.ReadAllBytes(path), images, labels, 0);
        return (images, labels);
    }

    /// <summary>Reads several batch files, in order, into one <see cref="Dataset"/>.</summary>
    /// <exception cref="InvalidDataException">A file is malformed; the message names it and what is wrong.</exception>
    public static Dataset ReadDataset(string name, IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0) throw new ArgumentException("At least one CIFAR-10 batch file is needed.", nameof(paths));
        var (images, labels) = Allocate(paths);
        int offset = 0;
        foreach (string path in paths) offset += Fill(path, File.ReadAllBytes(path), images, labels, offset);
        return new Dataset(name, images, labels, Classes);
    }

    /// <summary>Checks every file's length and allocates room for all records.</summary>
    private static (Tensor Images, int[] Labels) Allocate(IReadOnlyList<string> paths)
    {
        long total = 0;
        foreach (string path in paths)
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new FileNotFoundException($"CIFAR-10 batch file '{path}' does not exist.", path);
            total += RecordCount(path, info.Length);
        }
        if (total * (RecordLength - 1) > Array.MaxLength)
            throw new InvalidDataException($"{total} CIFAR-10 records are too many to hold in one tensor.");
        return (new Tensor((int)total, Channels, Height, Width), new int[total]);
    }

    private static long RecordCount(string path, long length)
    {
        if (length == 0 || length % RecordLength != 0)
            throw new InvalidDataException(
                $"'{path}': {length} bytes is not a positive multiple of {RecordLength} (1 label byte + 3072 pixel bytes per record); " +
                $"expected a CIFAR-10 binary batch file ({10000 * RecordLength} bytes for 10000 records) — truncated, or not the binary version?");
        return length / RecordLength;
    }

    /// <summary>Decodes the records of one file into the tensors starting at example <paramref name="offset"/>; returns the count.</summary>
    internal static int Fill(string path, ReadOnlySpan<byte> content, Tensor images, int[] labels, int offset)
    {
        int n = (int)RecordCount(path, content.Length);
        if (offset + n > labels.Length) throw new InvalidDataException($"'{path}' changed size while it was being read.");
        const int pixels = RecordLength - 1;
        for (int i = 0; i < n; i++)
        {
            var record = content.Slice(i * RecordLength, RecordLength);
            if (record[0] >= Classes)
                throw new InvalidDataException($"'{path}': label {record[0]} in record {i} (byte offset {(long)i * RecordLength}) is out of range; expected 0..{Classes - 1}.");
            labels[offset + i] = record[0];
            Pixels.ToUnitRange(record[1..], images.Span.Slice((offset + i) * pixels, pixels));
        }
        return n;
    }
}
