namespace RobustLab.Web.Services.Imaging;

// Colour maps as piecewise-linear interpolation between stops: a linear grey ramp for images, and the
// ColorBrewer stops (Harrower & Brewer 2003; matplotlib's "Reds" and "RdBu") for heatmaps. "Reds" is the
// map of the JumpReLU paper's perturbation heatmaps (Figs. 5–6); RdBu is centred on white (#f7f7f7).

/// <summary>A colour map t ∈ [0,1] → colour, with a lookup table for rendering.</summary>
public sealed class Colormap
{
    private const int Levels = 257; // odd, so the centre of a diverging map (t = ½) has its own entry
    private readonly Rgb[] _lut;

    public Colormap(string name, IReadOnlyList<Rgb> stops)
    {
        if (stops.Count < 2) throw new ArgumentException("A colour map needs at least two stops.", nameof(stops));
        (Name, Stops) = (name, stops);
        _lut = new Rgb[Levels];
        for (int i = 0; i < Levels; i++) _lut[i] = Interpolate(i / (Levels - 1.0));
    }

    /// <summary>Greys, linear: 0 → white, 1 → black (ink on paper, as matplotlib's "gray_r"), so pixel values keep their spacing.</summary>
    public static Colormap Greys { get; } = Of("greys", "#ffffff", "#000000");

    /// <summary>Reds: 0 → near white, 1 → dark red; for magnitudes |δ|.</summary>
    public static Colormap Reds { get; } = Of("reds", "#fff5f0", "#fee0d2", "#fcbba1", "#fc9272", "#fb6a4a", "#ef3b2c", "#cb181d", "#a50f15", "#67000d");

    /// <summary>RdBu, diverging: 0 → dark red, ½ → white, 1 → dark blue; for signed values centred at zero.</summary>
    public static Colormap RdBu { get; } = Of("rdbu", "#67001f", "#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac", "#053061");

    public string Name { get; }
    public IReadOnlyList<Rgb> Stops { get; }

    /// <summary>True when every colour is a grey (R = G = B), so images in this map can be written as 1-channel PNGs.</summary>
    public bool IsGrey => Stops.All(s => s.R == s.G && s.G == s.B);

    /// <summary>The colour at t, clamped to [0,1] (NaN → 0), exact at the stops.</summary>
    public Rgb Interpolate(double t)
    {
        t = double.IsNaN(t) ? 0 : Math.Clamp(t, 0, 1);
        double position = t * (Stops.Count - 1);
        int i = Math.Min((int)position, Stops.Count - 2);
        return Rgb.Lerp(Stops[i], Stops[i + 1], position - i);
    }

    /// <summary>Maps values to grey bytes (the R channel; meant for <see cref="IsGrey"/> maps), as <see cref="Map"/> does.</summary>
    public void MapGrey(ReadOnlySpan<float> values, float lo, float hi, Span<byte> grey)
    {
        if (grey.Length != values.Length) throw new ArgumentException($"Need {values.Length} output bytes, got {grey.Length}.");
        float scale = Scale(lo, hi);
        for (int i = 0; i < values.Length; i++) grey[i] = _lut[Level(values[i], lo, scale)].R;
    }

    /// <summary>Maps values to RGB bytes with (v − lo)/(hi − lo) → [0,1] (hi = lo maps everything to 0), quantised to 257 levels.</summary>
    public void Map(ReadOnlySpan<float> values, float lo, float hi, Span<byte> rgb)
    {
        if (rgb.Length != 3 * values.Length) throw new ArgumentException($"Need {3 * values.Length} output bytes, got {rgb.Length}.");
        float scale = Scale(lo, hi);
        for (int i = 0; i < values.Length; i++)
        {
            var c = _lut[Level(values[i], lo, scale)];
            rgb[3 * i] = c.R;
            rgb[3 * i + 1] = c.G;
            rgb[3 * i + 2] = c.B;
        }
    }

    /// <summary>A CSS linear-gradient through the stops (exact: the map is piecewise linear), low end first.</summary>
    public string CssGradient(string direction = "to right") =>
        $"linear-gradient({direction}, {string.Join(", ", Stops.Select(s => s.Hex))})";

    private static float Scale(float lo, float hi) => hi > lo ? (Levels - 1) / (hi - lo) : 0;

    private static int Level(float value, float lo, float scale)
    {
        float level = (value - lo) * scale;
        return float.IsNaN(level) ? 0 : (int)MathF.Round(Math.Clamp(level, 0, Levels - 1));
    }

    private static Colormap Of(string name, params string[] stops) => new(name, stops.Select(Rgb.Parse).ToArray());

    public override string ToString() => Name;
}
