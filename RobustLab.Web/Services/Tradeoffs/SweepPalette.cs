namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>Series colours of the Trade-offs plot (d3's category10, which plotly uses by default): series i gets colour i mod 10.</summary>
public static class SweepPalette
{
    public static IReadOnlyList<string> Colors { get; } =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    public static int Size => Colors.Count;
}
