// IdxBytes: builds IDX files in memory (big-endian header + payload), optionally gzip-compressed.
using System.Buffers.Binary;
using System.IO.Compression;

namespace RobustLab.Tests.Data;

internal static class IdxBytes
{
    public static byte[] Images(byte[] pixels, int n, int h, int w) => WithHeader(0x00000803, [n, h, w], pixels);

    public static byte[] Labels(byte[] labels) => WithHeader(0x00000801, [labels.Length], labels);

    public static byte[] WithHeader(int magic, int[] sizes, byte[] payload)
    {
        var bytes = new byte[4 + 4 * sizes.Length + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int d = 0; d < sizes.Length; d++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), sizes[d]);
        payload.CopyTo(bytes, 4 + 4 * sizes.Length);
        return bytes;
    }

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(content);
        return output.ToArray();
    }

    /// <summary>Seeded random bytes that include both ends of the range, 0 and 255.</summary>
    public static byte[] RandomPixels(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0;
        bytes[^1] = 255;
        return bytes;
    }

    public static byte[] RandomLabels(int count, int seed)
    {
        var random = new Random(seed);
        var labels = new byte[count];
        for (int i = 0; i < count; i++) labels[i] = (byte)random.Next(10);
        return labels;
    }
}
