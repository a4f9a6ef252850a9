namespace RobustLab.Web.Components.Plots;

/// <summary>
/// Points waiting to be appended to a chart's traces: any thread adds, the chart's flush takes them all
/// as a few <see cref="PlotExtension"/>s, so many small appends become one browser call per flush.
/// </summary>
/// <remarks>Thread-safe. Per trace, points keep the order in which they were added.</remarks>
public sealed class PlotPointBuffer
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<int, (List<double> X, List<double> Y)> _pending = [];

    /// <summary>True when nothing is waiting.</summary>
    public bool IsEmpty
    {
        get { lock (_lock) return _pending.Count == 0; }
    }

    /// <summary>Queues points (xs[i], ys[i]) for trace <paramref name="traceIndex"/>.</summary>
    /// <returns>True when the buffer was empty before (the caller should schedule a flush).</returns>
    public bool Add(int traceIndex, IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(traceIndex);
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        if (xs.Count != ys.Count) throw new ArgumentException($"{xs.Count} x values but {ys.Count} y values.", nameof(ys));
        if (xs.Count == 0) return false;
        lock (_lock)
        {
            bool wasEmpty = _pending.Count == 0;
            if (!_pending.TryGetValue(traceIndex, out var points)) _pending[traceIndex] = points = ([], []);
            points.X.AddRange(xs);
            points.Y.AddRange(ys);
            return wasEmpty;
        }
    }

    /// <summary>Drops everything waiting (the chart is about to show a new figure).</summary>
    public void Clear()
    {
        lock (_lock) _pending.Clear();
    }

    /// <summary>Takes everything waiting, as extensions of at most <paramref name="maxPointsPerMessage"/> points each.</summary>
    public IReadOnlyList<PlotExtension> Take(int maxPointsPerMessage, int? maxPoints = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPointsPerMessage, 1);
        List<(int Trace, List<double> X, List<double> Y)> taken;
        lock (_lock)
        {
            taken = _pending.Select(p => (p.Key, p.Value.X, p.Value.Y)).ToList();
            _pending.Clear();
        }
        var messages = new List<PlotExtension>();
        var indices = new List<int>();
        var xs = new List<IReadOnlyList<double>>();
        var ys = new List<IReadOnlyList<double>>();
        int room = maxPointsPerMessage;
        foreach (var (trace, x, y) in taken)
        {
            for (int start = 0; start < x.Count;)
            {
                int count = Math.Min(room, x.Count - start);
                indices.Add(trace);
                xs.Add(x.GetRange(start, count));
                ys.Add(y.GetRange(start, count));
                start += count;
                room -= count;
                if (room == 0) Emit();
            }
        }
        if (indices.Count > 0) Emit();
        return messages;

        void Emit()
        {
            messages.Add(new PlotExtension(indices.ToArray(), xs.ToArray(), ys.ToArray(), maxPoints));
            indices.Clear();
            xs.Clear();
            ys.Clear();
            room = maxPointsPerMessage;
        }
    }
}
