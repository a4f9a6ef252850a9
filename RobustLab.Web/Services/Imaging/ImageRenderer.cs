namespace RobustLab.Web.Services.Imaging;

/// <summary>Renders a 2-D field of values (an image, a perturbation) through a colour map to a PNG data URL, upscaled with nearest neighbour.</summary>
/// <remarks>
/// Each value becomes a <paramref name="scale"/>×<paramref name="scale"/> block, so 28×28 digits stay crisp at any size
/// (the page also sets <c>image-rendering: pixelated</c>). Grey maps are written as 1-channel PNGs.
/// </remarks>
public static class ImageRenderer
{
    /// <summary>values [height·width] row-major, mapped with lo → 0 and hi → 1 of <paramref name="colormap"/>.</summary>
    public static string DataUrl(ReadOnlySpan<float> values, int width, int height, Colormap colormap, float lo, float hi, int scale = 1) =>
        PngEncoder.DataUrl(Png(values, width, height, colormap, lo, hi, scale));

    /// <summary>The PNG file bytes of <see cref="DataUrl"/>.</summary>
    public static byte[] Png(ReadOnlySpan<float> values, int width, int height, Colormap colormap, float lo, float hi, int scale = 1)
    {
        if (values.Length != width * height) throw new ArgumentException($"{width}×{height} needs {width * height} values, got {values.Length}.");
        if (scale is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(scale), $"Scale must be in 1..64, got {scale}.");
        int channels = colormap.IsGrey ? 1 : 3;
        var mapped = new byte[values.Length * channels];
        if (channels == 1) colormap.MapGrey(values, lo, hi, mapped);
        else colormap.Map(values, lo, hi, mapped);
        var format = channels == 1 ? PngFormat.Grey : PngFormat.Rgb;
        return scale == 1
            ? PngEncoder.Encode(mapped, width, height, format)
            : PngEncoder.Encode(Upscale(mapped, width, height, channels, scale), width * scale, height * scale, format);
    }

    /// <summary>Nearest-neighbour upscaling by an integer factor: pixel (x, y) of the result is pixel (x / s, y / s) of the source.</summary>
    public static byte[] Upscale(ReadOnlySpan<byte> pixels, int width, int height, int channels, int scale)
    {
        int stride = width * channels, outStride = stride * scale;
        var result = new byte[outStride * height * scale];
        for (int y = 0; y < height; y++)
        {
            var source = pixels.Slice(y * stride, stride);
            var first = result.AsSpan(y * scale * outStride, outStride);
            for (int x = 0; x < width; x++)
            {
                var pixel = source.Slice(x * channels, channels);
                for (int r = 0; r < scale; r++) pixel.CopyTo(first.Slice((x * scale + r) * channels, channels));
            }
            for (int r = 1; r < scale; r++) first.CopyTo(result.AsSpan((y * scale + r) * outStride, outStride));
        }
        return result;
    }
}
