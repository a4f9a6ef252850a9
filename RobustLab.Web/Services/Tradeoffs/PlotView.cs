using RobustLab.Engine.Attacks;

namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>What the Trade-offs plot shows at one moment: its axes, its series and their points (an immutable snapshot).</summary>
/// <param name="Structure">Changes whenever series are added or removed (a new run, a restart, a cleared plot); while it stays
/// the same, new points only extend the series.</param>
/// <param name="Knob">The swept knob (x axis, or the columns of a transfer matrix); null while the plot is empty.</param>
/// <param name="Norm">The first run's attack norm (for an ε axis title).</param>
/// <param name="SourceValues">The rows of a transfer matrix; null for curves.</param>
/// <param name="Description">The latest run in one line.</param>
public sealed record PlotView(int Structure, string? Knob, LpNorm Norm, IReadOnlyList<double> Values, IReadOnlyList<double>? SourceValues,
    string? Description, IReadOnlyList<SweepSeries> Series)
{
    public static PlotView Empty { get; } = new(0, null, LpNorm.Linf, [], null, null, []);

    public bool IsMatrix => SourceValues is not null;

    /// <summary>Points over every series.</summary>
    public int PointCount => Series.Sum(s => s.Points.Count);
}
