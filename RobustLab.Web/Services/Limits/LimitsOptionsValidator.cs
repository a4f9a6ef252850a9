using Microsoft.Extensions.Options;

namespace RobustLab.Web.Services.Limits;

/// <summary>Checks "RobustLab:Limits" at startup: each value in its range, with a message that names the setting.</summary>
public sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    /// <summary>Largest values accepted: beyond them a "limit" protects nothing on a 2-core machine.</summary>
    public const int MaxCircuits = 100_000, MaxPointsPerSeries = 1_000, MaxSeriesPerPlot = 64, MaxPointsPerRun = 10_000, MaxSide = 16_384;

    /// <summary>Largest upload: the browser decodes it, so it must fit comfortably in a tab's memory.</summary>
    public const long MaxUploadBytes = 256L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, LimitsOptions o)
    {
        var errors = new List<string>();
        void Range(string key, double value, double min, double max)
        {
            if (!(value >= min && value <= max))
                errors.Add($"{LimitsOptions.Section}:{key} must be between {min:#,0.###} and {max:#,0.###}, got {value:#,0.###}.");
        }
        Range(nameof(o.CircuitsPerClient), o.CircuitsPerClient, 1, MaxCircuits);
        Range(nameof(o.CircuitsTotal), o.CircuitsTotal, 1, MaxCircuits);
        if (o.CircuitsPerClient > o.CircuitsTotal)
            errors.Add($"{LimitsOptions.Section}:CircuitsPerClient ({o.CircuitsPerClient}) must not exceed CircuitsTotal ({o.CircuitsTotal}).");
        Range(nameof(o.RetryAfterSeconds), o.RetryAfterSeconds, 1, 3600);
        Range(nameof(o.ComputationsPerSecond), o.ComputationsPerSecond, 0.1, 1000);
        Range(nameof(o.PointsPerSeries), o.PointsPerSeries, 1, MaxPointsPerSeries);
        Range(nameof(o.SeriesPerPlot), o.SeriesPerPlot, 1, MaxSeriesPerPlot);
        Range(nameof(o.PointsPerRun), o.PointsPerRun, 1, MaxPointsPerRun);
        if (o.PointsPerRun < o.PointsPerSeries)
            errors.Add($"{LimitsOptions.Section}:PointsPerRun ({o.PointsPerRun}) must be at least PointsPerSeries ({o.PointsPerSeries}).");
        Range(nameof(o.UploadBytes), o.UploadBytes, 1024, MaxUploadBytes);
        Range(nameof(o.UploadSide), o.UploadSide, 28, MaxSide);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
