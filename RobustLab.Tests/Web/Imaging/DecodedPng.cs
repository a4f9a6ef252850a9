using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace RobustLab.Tests.Web.Imaging;

// Decodes a PNG the server wrote, with ImageSharp, in the test (the server itself never decodes image bytes): its
// header fields and its pixels as RGB, so tests compare what a viewer would show.
internal sealed record DecodedPng(int Width, int Height, PngColorType? ColorType, PngBitDepth? BitDepth, Rgb24[] Pixels)
{
    public static DecodedPng Read(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "PNG signature");
        using var image = Image.Load<Rgb24>(png, out var format);
        Assert.Equal(PngFormat.Instance, format);
        var metadata = image.Metadata.GetPngMetadata();
        var pixels = new Rgb24[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        return new DecodedPng(image.Width, image.Height, metadata.ColorType, metadata.BitDepth, pixels);
    }

    public static DecodedPng FromDataUrl(string url)
    {
        const string prefix = "data:image/png;base64,";
        Assert.StartsWith(prefix, url);
        return Read(Convert.FromBase64String(url[prefix.Length..]));
    }

    public Rgb24 At(int x, int y) => Pixels[y * Width + x];
}
