namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>How much one plot may hold: points per series, series per plot, points per run (RobustLab:Limits).</summary>
/// <param name="PointsPerSeries">Values of the swept knob in one series.</param>
/// <param name="SeriesPerPlot">Series on one plot, runs added as series included.</param>
/// <param name="PointsPerRun">Points of one run over all its series (or cells of a transfer matrix).</param>
public sealed record PlotLimits(int PointsPerSeries, int SeriesPerPlot, int PointsPerRun)
{
    /// <summary>The defaults of appsettings.json.</summary>
    public static PlotLimits Default { get; } = new(TradeoffsLimits.MaxValues, TradeoffsLimits.MaxSeriesOnPlot, TradeoffsLimits.MaxPoints);
}
