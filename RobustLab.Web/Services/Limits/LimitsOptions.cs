using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Web.Services.Limits;

/// <summary>
/// The "RobustLab:Limits" section of appsettings.json: what one classroom may ask of one server. Each limit is enforced
/// on the server; <see cref="LimitsOptionsValidator"/> checks the values at startup. Environment variables override
/// them (<c>RobustLab__Limits__CircuitsPerClient=200</c>).
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "RobustLab:Limits";

    /// <summary>Live circuits (tabs whose browser is connected) from one client address (its IP).</summary>
    public int CircuitsPerClient { get; set; } = 20;

    /// <summary>Live circuits in total; past either limit a new tab gets the "lab is full" page.</summary>
    public int CircuitsTotal { get; set; } = 200;

    /// <summary>The Retry-After of the "lab is full" answer (HTTP 503), in seconds.</summary>
    public int RetryAfterSeconds { get; set; } = 30;

    /// <summary>Lab computations one circuit may start per second; faster slider events are coalesced to the newest.</summary>
    public double ComputationsPerSecond { get; set; } = 20;

    /// <summary>Points of one plotted series (values of the swept knob).</summary>
    public int PointsPerSeries { get; set; } = TradeoffsLimits.MaxValues;

    /// <summary>Series on one plot (runs added as series included).</summary>
    public int SeriesPerPlot { get; set; } = TradeoffsLimits.MaxSeriesOnPlot;

    /// <summary>Points of one run over all its series.</summary>
    public int PointsPerRun { get; set; } = TradeoffsLimits.MaxPoints;

    /// <summary>Bytes of an image file the Lab accepts for upload (checked before the browser decodes it).</summary>
    public long UploadBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Width and height, in pixels, of an image the Lab accepts for upload (read from the file's header).</summary>
    public int UploadSide { get; set; } = 4096;

    /// <summary>The plot limits the Trade-offs page checks a run against.</summary>
    public PlotLimits Plot => new(PointsPerSeries, SeriesPerPlot, PointsPerRun);
}
