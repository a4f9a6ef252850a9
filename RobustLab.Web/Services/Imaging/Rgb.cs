namespace RobustLab.Web.Services.Imaging;

/// <summary>An 8-bit sRGB colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>"#rrggbb".</summary>
    public string Hex => $"#{R:x2}{G:x2}{B:x2}";

    /// <summary>Parses "#rrggbb".</summary>
    public static Rgb Parse(string hex)
    {
        if (hex.Length != 7 || hex[0] != '#') throw new FormatException($"Expected #rrggbb, got '{hex}'.");
        int v = Convert.ToInt32(hex[1..], 16);
        return new Rgb((byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    /// <summary>(1 − t)·a + t·b per channel, rounded.</summary>
    public static Rgb Lerp(Rgb a, Rgb b, double t) =>
        new(Mix(a.R, b.R, t), Mix(a.G, b.G, t), Mix(a.B, b.B, t));

    private static byte Mix(byte a, byte b, double t) => (byte)Math.Round(a + (b - a) * t);
}
