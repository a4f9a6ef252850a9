namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>How the Trade-offs plot tells curves apart: series i gets colour i mod 10 (d3's category10, plotly's default),
/// each measurement its own dash and marker symbol; past ten series the dashes turn, so no two curves look alike; and
/// curves that coincide stay visible because earlier series are drawn wider, under later ones.</summary>
public static class SweepPalette
{
    public static IReadOnlyList<string> Colors { get; } =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>plotly's line dashes, in the order a dash turns to the next.</summary>
    public static IReadOnlyList<string> Dashes { get; } = ["solid", "dot", "dash", "longdash", "dashdot", "longdashdot"];

    public static int Size => Colors.Count;

    /// <summary>Series this palette tells apart: ten colours, each with every dash.</summary>
    public static int Distinct => Size * Dashes.Count;

    /// <summary>The colour of series <paramref name="series"/> (its <see cref="SweepSeries.Color"/>).</summary>
    public static string Color(int series) => Colors[Math.Abs(series) % Size];

    /// <summary>The dash of measurement dash <paramref name="measureDash"/> in series <paramref name="series"/>: the
    /// measurement's own for the first ten series, turned one step further for each ten after (series 10 draws with
    /// series 0's colour, so its curves must differ by dash); the marker symbol still names the measurement.</summary>
    public static string Dash(int series, string measureDash)
    {
        int own = Dashes.ToList().IndexOf(measureDash);
        if (own < 0) throw new ArgumentException($"'{measureDash}' is not one of plotly's dashes ({string.Join(", ", Dashes)}).", nameof(measureDash));
        return Dashes[(own + Math.Abs(series) / Size) % Dashes.Count];
    }

    /// <summary>Marker size and line width of the series drawn <paramref name="position"/>-th of <paramref name="count"/>.</summary>
    /// <remarks>plotly draws traces in order, each over the ones before. Curves that coincide (SReLU α = 5, 10 and 100 all at
    /// 100 % accuracy) would hide all but the last; drawing the first series widest (12 px markers, 4 px lines) and each
    /// later one narrower (down to 6 px and 2 px) leaves a ring of every colour around the points they share.</remarks>
    public static (double MarkerSize, double LineWidth) Stroke(int position, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, count);
        if (count == 1) return (7, 2);
        double under = (count - 1 - position) / (double)(count - 1); // 1 for the first series, 0 for the last
        return (6 + 6 * under, 2 + 2 * under);
    }
}
