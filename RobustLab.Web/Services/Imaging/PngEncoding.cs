using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace RobustLab.Web.Services.Imaging;

// PNG encoding with SixLabors.ImageSharp 2.1.13, of pixels the server made itself (views, heatmaps, figures).
// NOTE: 2.1.13 lacks the fixes for two 2026 advisories (a TIFF encoder out-of-bounds write and an ICC-profile
// over-allocation; fixed only in 4.1.2, a paid licence). The server therefore never decodes image bytes and never
// encodes anything but its own 8-bit grey or RGB pixels to PNG: uploads are decoded in the browser (README, "Design").

/// <summary>Encodes the server's own 8-bit grey and RGB images as PNG bytes or a data URL, with two reused encoders.</summary>
public static class PngEncoding
{
    // The encoders hold only options (each Encode makes its own state), so one of each serves every thread.
    // Level 1 deflate: the Lab encodes four small views per slider move; a higher level saves a few hundred bytes
    // of a 112×112 view and costs more time than sending them. Adaptive filtering per row is ImageSharp's default.
    private static readonly PngEncoder Grey = Encoder(PngColorType.Grayscale);
    private static readonly PngEncoder Rgb = Encoder(PngColorType.Rgb);

    /// <summary>The PNG file of an 8-bit grey image (colour type 0).</summary>
    public static byte[] Encode(Image<L8> image) => Save(image, Grey);

    /// <summary>The PNG file of an 8-bit RGB image (colour type 2).</summary>
    public static byte[] Encode(Image<Rgb24> image) => Save(image, Rgb);

    /// <summary>"data:image/png;base64,…" for an &lt;img src&gt;.</summary>
    public static string DataUrl(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    private static byte[] Save(Image image, PngEncoder encoder)
    {
        using var stream = new MemoryStream();
        image.SaveAsPng(stream, encoder);
        return stream.ToArray();
    }

    private static PngEncoder Encoder(PngColorType colorType) => new()
    {
        ColorType = colorType,
        BitDepth = PngBitDepth.Bit8,
        CompressionLevel = PngCompressionLevel.BestSpeed,
        FilterMethod = PngFilterMethod.Adaptive,
    };
}
