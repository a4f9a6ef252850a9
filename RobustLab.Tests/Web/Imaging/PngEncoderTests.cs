using System.Text;
using RobustLab.Web.Services.Imaging;

namespace RobustLab.Tests.Web.Imaging;

public sealed class PngEncoderTests
{
    [Fact]
    public void Crc32_matches_the_standard_check_values()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0u, Crc32.Compute([]));
        Assert.Equal(0xAE426082u, Crc32.Compute("IEND"u8)); // the CRC every PNG ends with
        var whole = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog");
        Assert.Equal(0x414FA339u, Crc32.Compute(whole));
        Assert.Equal(0x414FA339u, Crc32.Append(Crc32.Compute(whole.AsSpan(0, 10)), whole.AsSpan(10)));
    }

    [Fact]
    public void Grey_image_round_trips_with_the_right_header()
    {
        var pixels = new byte[28 * 28];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 7 % 256);
        var png = PngTestReader.Read(PngEncoder.Encode(pixels, 28, 28, PngFormat.Grey));
        Assert.Equal((28, 28, 8, 0, 0), (png.Width, png.Height, png.BitDepth, png.ColorType, png.Interlace));
        Assert.Equal(29 * 28, png.Scanlines.Length); // one filter byte + 28 samples per row
        Assert.Equal(pixels, png.Pixels);
    }

    [Fact]
    public void Rgb_image_round_trips_and_non_square_sizes_keep_width_and_height_apart()
    {
        const int width = 5, height = 3;
        var pixels = new byte[width * height * 3];
        new Random(4).NextBytes(pixels);
        var png = PngTestReader.Read(PngEncoder.Encode(pixels, width, height, PngFormat.Rgb));
        Assert.Equal((width, height, 2), (png.Width, png.Height, png.ColorType));
        Assert.Equal((1 + 3 * width) * height, png.Scanlines.Length);
        Assert.Equal(pixels, png.Pixels);
    }

    [Fact]
    public void Repeated_rows_are_stored_with_the_up_filter()
    {
        var pixels = new byte[4 * 4];
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 4; x++) pixels[y * 4 + x] = (byte)(x * 60 + 10);
        var png = PngTestReader.Read(PngEncoder.Encode(pixels, 4, 4, PngFormat.Grey));
        for (int y = 1; y < 4; y++)
        {
            Assert.Equal(2, png.Scanlines[y * 5]);                        // Up
            Assert.All(png.Scanlines.AsSpan(y * 5 + 1, 4).ToArray(), b => Assert.Equal(0, b));
        }
        Assert.Equal(pixels, png.Pixels);
    }

    [Fact]
    public void Wrong_sizes_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new byte[10], 3, 3, PngFormat.Grey));
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new byte[9], 3, 3, PngFormat.Rgb));
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode([], 0, 0, PngFormat.Grey));
    }

    [Fact]
    public void Data_url_is_base64_png()
    {
        var png = PngEncoder.Encode([0, 255, 128, 64], 2, 2, PngFormat.Grey);
        var url = PngEncoder.DataUrl(png);
        Assert.StartsWith("data:image/png;base64,", url);
        Assert.Equal(png, Convert.FromBase64String(url["data:image/png;base64,".Length..]));
    }
}
