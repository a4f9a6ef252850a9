namespace RobustLab.Web.Services.Lab;

/// <summary>A rolling window of durations (milliseconds) with its percentiles, for "computed in X ms (p95 Y ms)".</summary>
public sealed class LatencyStats(int window = 100)
{
    private readonly Queue<double> _values = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get { lock (_lock) return _values.Count; }
    }

    public void Add(double milliseconds)
    {
        if (!double.IsFinite(milliseconds) || milliseconds < 0) throw new ArgumentOutOfRangeException(nameof(milliseconds));
        lock (_lock)
        {
            _values.Enqueue(milliseconds);
            while (_values.Count > window) _values.Dequeue();
        }
    }

    /// <summary>The p-th percentile (0–100) of the window by the nearest-rank method, or null when empty.</summary>
    public double? Percentile(double p)
    {
        if (!(p >= 0 && p <= 100)) throw new ArgumentOutOfRangeException(nameof(p));
        double[] sorted;
        lock (_lock) sorted = [.. _values];
        if (sorted.Length == 0) return null;
        Array.Sort(sorted);
        int rank = Math.Max(1, (int)Math.Ceiling(p / 100 * sorted.Length));
        return sorted[rank - 1];
    }
}
