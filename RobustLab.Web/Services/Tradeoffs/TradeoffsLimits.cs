namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>What one sweep may ask of the shared job queue; the server checks every request against these.</summary>
/// <remarks>The plot's limits (points per series, series per plot, points per run) are settings (RobustLab:Limits, see
/// <see cref="PlotLimits"/>); the constants here are their defaults.</remarks>
public static class TradeoffsLimits
{
    /// <summary>Test images per point (the whole MNIST test set).</summary>
    public const int MaxExamples = 10_000;

    /// <summary>Values of the swept knob in one series: the default of RobustLab:Limits:PointsPerSeries.</summary>
    public const int MaxValues = 50;

    /// <summary>Source (and target) values of a transfer matrix: at most 10 × 10 cells.</summary>
    public const int MaxMatrixSide = 10;

    /// <summary>Series one run overlays (values of the "one series per" choice); never more than the series per plot.</summary>
    public const int MaxSeries = 8;

    /// <summary>Points of one run over all its series: the default of RobustLab:Limits:PointsPerRun.</summary>
    public const int MaxPoints = 200;

    /// <summary>Iterations of an iterative attack, and the largest value of the iterations knob.</summary>
    public const int MaxSteps = 1000;

    /// <summary>Randomized-smoothing samples n.</summary>
    public const int MaxSmoothingSamples = 256;

    /// <summary>EPGD gradient samples m.</summary>
    public const int MaxEotSamples = 64;

    /// <summary>Series on one plot (runs added as series included): the default of RobustLab:Limits:SeriesPerPlot.</summary>
    public const int MaxSeriesOnPlot = 16;

    /// <summary>Characters of a series name.</summary>
    public const int MaxSeriesName = 60;

    /// <summary>
    /// Work of one run in example-gradients: Σ over points of examples × attack iterations × samples (n of smoothing,
    /// m of EPGD). 2·10⁷ is about half an hour of lenet-like on two cores; the whole queue is shared.
    /// </summary>
    public const double MaxWork = 2e7;
}
