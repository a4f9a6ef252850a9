using RobustLab.Web.Services.Imaging;

namespace RobustLab.Tests.Web.Imaging;

public sealed class ImageRendererTests
{
    [Fact]
    public void Grey_maps_are_written_as_one_channel_images_ink_dark()
    {
        var png = PngTestReader.Read(ImageRenderer.Png([0f, 1f, 0.5f, 0.25f], 2, 2, Colormap.Greys, 0, 1));
        Assert.Equal(0, png.ColorType);
        Assert.Equal(255, png.Pixels[0]); // 0 → white paper
        Assert.Equal(0, png.Pixels[1]);   // 1 → black ink
        Assert.InRange(png.Pixels[2], 127, 128);
    }

    [Fact]
    public void Upscaling_repeats_each_pixel_in_a_block()
    {
        var png = PngTestReader.Read(ImageRenderer.Png([-1f, 0f, 1f, 0f, 0f, 0f], 3, 2, Colormap.RdBu, -1, 1, scale: 4));
        Assert.Equal((12, 8, 2), (png.Width, png.Height, png.ColorType));
        Rgb At(int x, int y) => new(png.Pixels[(y * 12 + x) * 3], png.Pixels[(y * 12 + x) * 3 + 1], png.Pixels[(y * 12 + x) * 3 + 2]);
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 4; x++)
            {
                Assert.Equal(Colormap.RdBu.Interpolate(0), At(x, y));
                Assert.Equal(Colormap.RdBu.Interpolate(0.5), At(4 + x, y));
                Assert.Equal(Colormap.RdBu.Interpolate(1), At(8 + x, y));
                Assert.Equal(Colormap.RdBu.Interpolate(0.5), At(x, 4 + y));
            }
    }

    [Fact]
    public void Upscale_of_bytes_is_nearest_neighbour()
    {
        var result = ImageRenderer.Upscale([1, 2, 3, 4], 2, 2, 1, 2);
        Assert.Equal([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4], result);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ImageRenderer.Png([0f, 1f], 2, 2, Colormap.Greys, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageRenderer.Png([0f], 1, 1, Colormap.Greys, 0, 1, scale: 0));
    }
}
