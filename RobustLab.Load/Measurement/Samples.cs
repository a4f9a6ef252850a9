namespace RobustLab.Load.Measurement;

/// <summary>Timed samples of one quantity (milliseconds) with the run time at which each was taken, thread-safe.</summary>
/// <remarks>Kept whole (a 10-minute run of 100 users is a few hundred thousand doubles) so percentiles are exact.</remarks>
internal sealed class Samples
{
    private readonly List<(double At, double Value)> _items = [];
    private readonly Lock _lock = new();

    public void Add(double atSeconds, double value)
    {
        lock (_lock) _items.Add((atSeconds, value));
    }

    /// <summary>The values taken at or after <paramref name="fromSeconds"/>, sorted.</summary>
    public double[] SortedSince(double fromSeconds)
    {
        double[] values;
        lock (_lock) values = [.. _items.Where(s => s.At >= fromSeconds).Select(s => s.Value)];
        Array.Sort(values);
        return values;
    }

    /// <summary>The nearest-rank percentile of sorted values (p in 0..100); null when there are none.</summary>
    public static double? Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return null;
        int rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public Distribution Summary(double fromSeconds) => Summarize(SortedSince(fromSeconds));

    /// <summary>The values taken at or after <paramref name="fromSeconds"/> at times <paramref name="keep"/> accepts.</summary>
    public Distribution Summary(double fromSeconds, Func<double, bool> keep)
    {
        double[] values;
        lock (_lock) values = [.. _items.Where(s => s.At >= fromSeconds && keep(s.At)).Select(s => s.Value)];
        Array.Sort(values);
        return Summarize(values);
    }

    private static Distribution Summarize(double[] s)
    {
        return new Distribution(s.Length, Percentile(s, 50), Percentile(s, 95), Percentile(s, 99), s.Length > 0 ? s[^1] : null, s.Length > 0 ? s.Average() : null);
    }
}

/// <summary>Count, p50/p95/p99, max and mean of a set of samples (milliseconds unless said otherwise).</summary>
internal sealed record Distribution(int Count, double? P50, double? P95, double? P99, double? Max, double? Mean);
