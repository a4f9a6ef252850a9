using System.Buffers.Text;
using System.IO.Compression;

namespace RobustLab.Web.Services.Sharing;

/// <summary>
/// A 28×28 digit in a link: each pixel quantised to a byte (MNIST's own 8 bits: v ↦ round(255·v)), the 784 bytes deflated
/// (a digit is mostly background, so a few hundred bytes remain) and written as base64url (RFC 4648 §5), which needs no escaping.
/// </summary>
public static class PixelCode
{
    public const int Pixels = 28 * 28;

    /// <summary>Longest code <see cref="Decode"/> looks at (784 incompressible bytes deflate to ~790, i.e. ~1,060 characters).</summary>
    public const int MaxLength = 1200;

    /// <summary>The pixels as the link carries them: every value rounded to the nearest k/255.</summary>
    public static float[] Quantize(ReadOnlySpan<float> pixels)
    {
        var quantized = new float[pixels.Length];
        for (int i = 0; i < pixels.Length; i++) quantized[i] = ToByte(pixels[i]) / 255f;
        return quantized;
    }

    /// <summary>Whether every pixel is already a k/255 (then <see cref="Decode"/>(<see cref="Encode"/>(p)) is exactly p).</summary>
    public static bool IsQuantized(ReadOnlySpan<float> pixels)
    {
        foreach (float v in pixels)
            if (ToByte(v) / 255f != v) return false;
        return true;
    }

    public static string Encode(ReadOnlySpan<float> pixels)
    {
        if (pixels.Length != Pixels) throw new ArgumentException($"A digit has {Pixels} pixels, got {pixels.Length}.");
        var bytes = new byte[Pixels];
        for (int i = 0; i < Pixels; i++) bytes[i] = ToByte(pixels[i]);
        using var packed = new MemoryStream();
        using (var deflate = new DeflateStream(packed, CompressionLevel.SmallestSize, leaveOpen: true)) deflate.Write(bytes);
        return Base64Url.EncodeToString(packed.ToArray());
    }

    /// <summary>The pixels of a code, or null with <paramref name="error"/> saying why (never throws on bad input).</summary>
    public static float[]? Decode(string code, out string? error)
    {
        error = null;
        if (code.Length is 0 or > MaxLength)
        {
            error = $"an image code has 1 to {MaxLength} characters, got {code.Length}";
            return null;
        }
        if (!Base64Url.IsValid(code.AsSpan(), out _))
        {
            error = "the image code is not base64url";
            return null;
        }
        byte[] packed = Base64Url.DecodeFromChars(code);
        var bytes = new byte[Pixels + 1]; // one more, to notice a stream that inflates to more than a digit
        int length = 0;
        try
        {
            using var deflate = new DeflateStream(new MemoryStream(packed), CompressionMode.Decompress);
            for (int n; length < bytes.Length && (n = deflate.Read(bytes, length, bytes.Length - length)) > 0;) length += n;
        }
        catch (InvalidDataException)
        {
            error = "the image code is damaged (not a deflate stream)";
            return null;
        }
        if (length != Pixels)
        {
            error = length > Pixels ? $"the image code holds more than {Pixels} pixels" : $"the image code holds {length} pixels, not {Pixels}";
            return null;
        }
        var pixels = new float[Pixels];
        for (int i = 0; i < Pixels; i++) pixels[i] = bytes[i] / 255f;
        return pixels;
    }

    private static byte ToByte(float v) => (byte)Math.Clamp(MathF.Round(v * 255f, MidpointRounding.AwayFromZero), 0, 255);
}
