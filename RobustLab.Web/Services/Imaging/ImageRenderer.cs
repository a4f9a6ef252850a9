using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RobustLab.Web.Services.Imaging;

/// <summary>Renders a 2-D field of values (an image, a perturbation) through a colour map to a PNG, upscaled with nearest neighbour.</summary>
/// <remarks>
/// Each value becomes a <c>scale</c>×<c>scale</c> block, so 28×28 digits stay crisp at any size (the page also sets
/// <c>image-rendering: pixelated</c>). Grey maps are written as 1-channel PNGs. The values are mapped once per source
/// row into a small buffer and each output row is filled from it (ImageSharp's row spans; no per-pixel delegate).
/// </remarks>
public static class ImageRenderer
{
    /// <summary>values [height·width] row-major, mapped with lo → 0 and hi → 1 of <paramref name="colormap"/>.</summary>
    public static string DataUrl(ReadOnlySpan<float> values, int width, int height, Colormap colormap, float lo, float hi, int scale = 1) =>
        PngEncoding.DataUrl(Png(values, width, height, colormap, lo, hi, scale));

    /// <summary>The PNG file bytes of <see cref="DataUrl"/>.</summary>
    public static byte[] Png(ReadOnlySpan<float> values, int width, int height, Colormap colormap, float lo, float hi, int scale = 1)
    {
        if (colormap.IsGrey)
        {
            using var grey = Grey(values, width, height, colormap, lo, hi, scale);
            return PngEncoding.Encode(grey);
        }
        Check(values, width, height, scale);
        using var rgb = new Image<Rgb24>(width * scale, height * scale);
        Draw(rgb, 0, 0, values, width, height, colormap, lo, hi, scale);
        return PngEncoding.Encode(rgb);
    }

    /// <summary>Draws the mapped values, each as a <paramref name="scale"/>² block, into <paramref name="canvas"/> with its top-left corner at (<paramref name="left"/>, <paramref name="top"/>).</summary>
    /// <exception cref="ArgumentException">The values do not match the size, or the block does not fit on the canvas.</exception>
    public static void Draw(Image<Rgb24> canvas, int left, int top, ReadOnlySpan<float> values, int width, int height,
        Colormap colormap, float lo, float hi, int scale)
    {
        Check(values, width, height, scale);
        if (left < 0 || top < 0 || left + width * scale > canvas.Width || top + height * scale > canvas.Height)
            throw new ArgumentException($"A {width * scale}×{height * scale} block at ({left}, {top}) does not fit a {canvas.Width}×{canvas.Height} canvas.");
        var mapped = new byte[3 * values.Length];
        colormap.Map(values, lo, hi, mapped);
        canvas.ProcessPixelRows(rows =>
        {
            var source = MemoryMarshal.Cast<byte, Rgb24>(mapped);
            for (int y = 0; y < height; y++)
            {
                var first = rows.GetRowSpan(top + y * scale).Slice(left, width * scale);
                Expand(source.Slice(y * width, width), first, scale);
                for (int r = 1; r < scale; r++) first.CopyTo(rows.GetRowSpan(top + y * scale + r).Slice(left, width * scale));
            }
        });
    }

    // A grey map: one byte per pixel (colour type 0).
    private static Image<L8> Grey(ReadOnlySpan<float> values, int width, int height, Colormap colormap, float lo, float hi, int scale)
    {
        Check(values, width, height, scale);
        var mapped = new byte[values.Length];
        colormap.MapGrey(values, lo, hi, mapped);
        var image = new Image<L8>(width * scale, height * scale);
        image.ProcessPixelRows(rows =>
        {
            var source = MemoryMarshal.Cast<byte, L8>(mapped);
            for (int y = 0; y < height; y++)
            {
                var first = rows.GetRowSpan(y * scale);
                Expand(source.Slice(y * width, width), first, scale);
                for (int r = 1; r < scale; r++) first.CopyTo(rows.GetRowSpan(y * scale + r));
            }
        });
        return image;
    }

    // Nearest-neighbour upscaling of one row: output pixel x is source pixel x / scale.
    private static void Expand<T>(ReadOnlySpan<T> source, Span<T> row, int scale)
    {
        for (int x = 0; x < source.Length; x++) row.Slice(x * scale, scale).Fill(source[x]);
    }

    private static void Check(ReadOnlySpan<float> values, int width, int height, int scale)
    {
        if (width < 1 || height < 1) throw new ArgumentException($"An image needs at least one pixel, got {width}×{height}.");
        if (values.Length != width * height) throw new ArgumentException($"{width}×{height} needs {width * height} values, got {values.Length}.");
        if (scale is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(scale), $"Scale must be in 1..64, got {scale}.");
    }
}
