using System.Buffers.Binary;
using System.IO.Compression;

namespace RobustLab.Web.Services.Imaging;

// A minimal PNG encoder (PNG spec, 2nd ed., §5 datastream, §7 scanlines, §9 filtering, §11.2 chunks):
// signature, IHDR (8-bit grey or RGB, no interlace), one IDAT holding the zlib stream of the filtered
// scanlines, IEND; each chunk = length, type, data, CRC-32 of type and data.

/// <summary>Encodes 8-bit greyscale or RGB pixels as PNG bytes or a data URL.</summary>
public static class PngEncoder
{
    /// <summary>The 8 bytes every PNG starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Encodes <paramref name="pixels"/> (row-major, <paramref name="format"/>'s bytes per pixel) as a PNG file.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, PngFormat format)
    {
        int channels = format == PngFormat.Rgb ? 3 : format == PngFormat.Grey ? 1 : throw new ArgumentOutOfRangeException(nameof(format));
        if (width < 1 || height < 1) throw new ArgumentException($"A PNG needs at least one pixel, got {width}×{height}.");
        int stride = checked(width * channels);
        if (pixels.Length != checked(stride * height))
            throw new ArgumentException($"{width}×{height} {format} needs {stride * height} bytes, got {pixels.Length}.");

        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[1 + stride];
            var candidate = new byte[1 + stride];
            for (int y = 0; y < height; y++)
            {
                var current = pixels.Slice(y * stride, stride);
                var previous = y == 0 ? default : pixels.Slice((y - 1) * stride, stride);
                Filter(current, previous, channels, row, candidate);
                zlib.Write(row);
            }
        }

        var png = new MemoryStream(64 + (int)compressed.Length);
        png.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;                                   // bit depth
        header[9] = (byte)(channels == 3 ? 2 : 0);       // colour type: 2 truecolour, 0 greyscale
        header[10] = header[11] = header[12] = 0;        // deflate, adaptive filtering, no interlace
        WriteChunk(png, "IHDR"u8, header);
        WriteChunk(png, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>"data:image/png;base64,…" for an &lt;img src&gt;.</summary>
    public static string DataUrl(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    // Picks the filter (None, Sub or Up) with the smallest sum of |signed residuals| (§12.8's heuristic)
    // and writes its type byte and residuals into row.
    private static void Filter(ReadOnlySpan<byte> current, ReadOnlySpan<byte> previous, int bpp, byte[] row, byte[] candidate)
    {
        row[0] = 0;
        current.CopyTo(row.AsSpan(1));
        long best = SumAbs(row);

        candidate[0] = 1; // Sub: x − a, a = the byte bpp to the left
        for (int i = 0; i < current.Length; i++) candidate[1 + i] = (byte)(current[i] - (i >= bpp ? current[i - bpp] : 0));
        long sub = SumAbs(candidate);
        if (sub < best) { best = sub; candidate.CopyTo(row, 0); }

        if (previous.IsEmpty) return;
        candidate[0] = 2; // Up: x − b, b = the byte above
        for (int i = 0; i < current.Length; i++) candidate[1 + i] = (byte)(current[i] - previous[i]);
        if (SumAbs(candidate) < best) candidate.CopyTo(row, 0);
    }

    private static long SumAbs(byte[] filtered)
    {
        long sum = 0;
        for (int i = 1; i < filtered.Length; i++) sum += Math.Abs((int)(sbyte)filtered[i]);
        return sum;
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        png.Write(type);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Append(Crc32.Compute(type), data));
        png.Write(word);
    }
}
