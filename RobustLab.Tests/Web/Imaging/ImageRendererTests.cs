using RobustLab.Web.Services.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace RobustLab.Tests.Web.Imaging;

public sealed class ImageRendererTests
{
    private static Rgb24 Of(Rgb c) => new(c.R, c.G, c.B);

    [Fact]
    public void Grey_maps_are_written_as_8_bit_one_channel_images_ink_dark()
    {
        var png = DecodedPng.Read(ImageRenderer.Png([0f, 1f, 0.5f, 0.25f], 2, 2, Colormap.Greys, 0, 1));
        Assert.Equal((2, 2, PngColorType.Grayscale, PngBitDepth.Bit8), (png.Width, png.Height, png.ColorType, png.BitDepth));
        Assert.Equal(new Rgb24(255, 255, 255), png.At(0, 0)); // 0 → white paper
        Assert.Equal(new Rgb24(0, 0, 0), png.At(1, 0));       // 1 → black ink
        Assert.InRange(png.At(0, 1).R, 127, 128);
        Assert.Equal(Of(Colormap.Greys.Interpolate(0.25)), png.At(1, 1));
    }

    [Fact]
    public void A_digit_round_trips_exactly_at_every_pixel()
    {
        var values = new float[28 * 28];
        for (int i = 0; i < values.Length; i++) values[i] = i * 7 % 256 / 255f;
        var grey = new byte[values.Length];
        Colormap.Greys.MapGrey(values, 0, 1, grey);
        var png = DecodedPng.Read(ImageRenderer.Png(values, 28, 28, Colormap.Greys, 0, 1));
        Assert.Equal(grey, png.Pixels.Select(p => p.R).ToArray());
        Assert.All(png.Pixels, p => Assert.True(p.R == p.G && p.G == p.B));
    }

    [Fact]
    public void Colour_maps_are_written_as_8_bit_rgb_and_non_square_sizes_keep_width_and_height_apart()
    {
        const int width = 5, height = 3;
        var values = Enumerable.Range(0, width * height).Select(i => (i - 7) / 7f).ToArray();
        var png = DecodedPng.Read(ImageRenderer.Png(values, width, height, Colormap.RdBu, -1, 1));
        Assert.Equal((width, height, PngColorType.Rgb, PngBitDepth.Bit8), (png.Width, png.Height, png.ColorType, png.BitDepth));
        var expected = new byte[3 * values.Length];
        Colormap.RdBu.Map(values, -1, 1, expected);
        Assert.Equal(expected, png.Pixels.SelectMany(p => new[] { p.R, p.G, p.B }).ToArray());
    }

    [Fact]
    public void Upscaling_repeats_each_pixel_in_a_block()
    {
        var png = DecodedPng.Read(ImageRenderer.Png([-1f, 0f, 1f, 0f, 0f, 0f], 3, 2, Colormap.RdBu, -1, 1, scale: 4));
        Assert.Equal((12, 8, PngColorType.Rgb), (png.Width, png.Height, png.ColorType));
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 4; x++)
            {
                Assert.Equal(Of(Colormap.RdBu.Interpolate(0)), png.At(x, y));
                Assert.Equal(Of(Colormap.RdBu.Interpolate(0.5)), png.At(4 + x, y));
                Assert.Equal(Of(Colormap.RdBu.Interpolate(1)), png.At(8 + x, y));
                Assert.Equal(Of(Colormap.RdBu.Interpolate(0.5)), png.At(x, 4 + y));
            }
    }

    [Fact]
    public void Grey_upscaling_is_nearest_neighbour()
    {
        var png = DecodedPng.Read(ImageRenderer.Png([0f, 1f, 0.5f, 0.25f], 2, 2, Colormap.Greys, 0, 1, scale: 2));
        var g = new byte[4];
        Colormap.Greys.MapGrey([0f, 1f, 0.5f, 0.25f], 0, 1, g);
        byte[] expected = [g[0], g[0], g[1], g[1], g[0], g[0], g[1], g[1], g[2], g[2], g[3], g[3], g[2], g[2], g[3], g[3]];
        Assert.Equal(expected, png.Pixels.Select(p => p.R).ToArray());
    }

    [Fact]
    public void Draw_places_an_upscaled_block_on_a_canvas_and_leaves_the_rest()
    {
        using var canvas = new Image<Rgb24>(10, 8, new Rgb24(1, 2, 3));
        ImageRenderer.Draw(canvas, 3, 2, [-1f, 1f], 2, 1, Colormap.RdBu, -1, 1, scale: 3);
        var pixels = new Rgb24[80];
        canvas.CopyPixelDataTo(pixels);
        for (int y = 0; y < 8; y++)
            for (int x = 0; x < 10; x++)
            {
                var expected = y is < 2 or >= 5 || x is < 3 or >= 9 ? new Rgb24(1, 2, 3) : Of(Colormap.RdBu.Interpolate(x < 6 ? 0 : 1));
                Assert.Equal(expected, pixels[y * 10 + x]);
            }
        Assert.Throws<ArgumentException>(() => ImageRenderer.Draw(canvas, 5, 0, [0f, 0f], 2, 1, Colormap.RdBu, -1, 1, scale: 3));
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ImageRenderer.Png([0f, 1f], 2, 2, Colormap.Greys, 0, 1));
        Assert.Throws<ArgumentException>(() => ImageRenderer.Png([], 0, 0, Colormap.Greys, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageRenderer.Png([0f], 1, 1, Colormap.Greys, 0, 1, scale: 0));
    }

    [Fact]
    public void Data_url_is_base64_png()
    {
        var png = ImageRenderer.Png([0f, 1f, 0.5f, 0.25f], 2, 2, Colormap.Greys, 0, 1);
        var url = ImageRenderer.DataUrl([0f, 1f, 0.5f, 0.25f], 2, 2, Colormap.Greys, 0, 1);
        Assert.StartsWith("data:image/png;base64,", url);
        Assert.Equal(png, Convert.FromBase64String(url["data:image/png;base64,".Length..]));
    }
}
