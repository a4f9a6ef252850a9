using System.Globalization;

namespace RobustLab.Web.Services.Imaging;

/// <summary>A colour map over a value range [Lo, Hi] with tick marks, as a colour bar shows it.</summary>
public sealed record ColorScale(Colormap Colormap, float Lo, float Hi, IReadOnlyList<ColorTick> Ticks)
{
    /// <summary>Pixel intensities: greys over [0, 1].</summary>
    public static ColorScale Pixels { get; } = Evenly(Colormap.Greys, 0, 1, 3);

    /// <summary>A signed perturbation δ: RdBu over [−m, m], white at 0.</summary>
    public static ColorScale Signed(float m) => Evenly(Colormap.RdBu, -Positive(m), Positive(m), 3);

    /// <summary>A perturbation's magnitude |δ|: reds over [0, m].</summary>
    public static ColorScale Magnitude(float m) => Evenly(Colormap.Reds, 0, Positive(m), 3);

    /// <summary><paramref name="count"/> ticks spread evenly from lo to hi, labelled with 3 significant digits.</summary>
    public static ColorScale Evenly(Colormap colormap, float lo, float hi, int count)
    {
        if (!(hi > lo)) throw new ArgumentException($"A colour scale needs lo < hi, got [{lo}, {hi}].");
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), "A colour bar needs at least two ticks.");
        var ticks = new ColorTick[count];
        for (int i = 0; i < count; i++)
        {
            double position = i / (count - 1.0);
            float value = i == count - 1 ? hi : (float)(lo + (hi - lo) * position);
            ticks[i] = new ColorTick(value, position, Label(value, hi - lo));
        }
        return new ColorScale(colormap, lo, hi, ticks);
    }

    // NOTE: a zero-width range (no perturbation at all) still gets a drawable scale.
    private static float Positive(float m) => float.IsFinite(m) && m > 1e-6f ? m : 1e-6f;

    // 3 significant digits of the range's size, never "-0".
    private static string Label(float value, float span)
    {
        if (Math.Abs(value) < span * 1e-6f) return "0";
        int decimals = Math.Clamp(2 - (int)Math.Floor(Math.Log10(span)), 0, 8);
        var text = value.ToString("F" + decimals, CultureInfo.InvariantCulture);
        return decimals == 0 ? text : text.TrimEnd('0').TrimEnd('.');
    }
}
