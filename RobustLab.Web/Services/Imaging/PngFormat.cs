namespace RobustLab.Web.Services.Imaging;

/// <summary>Pixel layouts <see cref="PngEncoder"/> writes: 8-bit grey (1 byte per pixel) or RGB (3 bytes).</summary>
public enum PngFormat
{
    Grey,
    Rgb,
}
