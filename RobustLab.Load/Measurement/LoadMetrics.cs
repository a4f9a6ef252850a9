using System.Collections.Concurrent;
using System.Diagnostics;

namespace RobustLab.Load.Measurement;

/// <summary>Everything the simulated users measure, shared by all of them. Times are seconds since the run started.</summary>
internal sealed class LoadMetrics
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly ConcurrentDictionary<string, int> _errors = new();
    private int _busy, _circuits, _circuitsOpened, _updates, _events, _drags, _sweepsCompleted;

    /// <summary>The last event of a drag (the value the user lets go at) → the first update that shows it.</summary>
    public Samples SliderToUpdate { get; } = new();

    /// <summary>Every input event → the first update that shows its value or a newer one (the rest were coalesced).</summary>
    public Samples EventToUpdate { get; } = new();

    /// <summary>The server's own time for each Lab result shown (the page's "computed in … ms"): attack + images.</summary>
    public Samples ServerCompute { get; } = new();

    /// <summary>Opening the page → its first interactive result.</summary>
    public Samples PageReady { get; } = new();

    /// <summary>Pressing Run → the sweep starts running (its wait in the job queue).</summary>
    public Samples QueueWait { get; } = new();

    /// <summary>Sweep start → its last point (seconds, not milliseconds).</summary>
    public Samples SweepSeconds { get; } = new();

    public double Now => Stopwatch.GetElapsedTime(_start).TotalSeconds;

    public double Since(long timestamp) => Stopwatch.GetElapsedTime(_start, timestamp).TotalSeconds;

    public IReadOnlyDictionary<string, int> Errors => _errors;

    public int ErrorCount => _errors.Values.Sum();

    public int Busy => Volatile.Read(ref _busy);

    public int Circuits => Volatile.Read(ref _circuits);

    public int CircuitsOpened => Volatile.Read(ref _circuitsOpened);

    public int Updates => Volatile.Read(ref _updates);

    public int Events => Volatile.Read(ref _events);

    public int Drags => Volatile.Read(ref _drags);

    public int SweepsCompleted => Volatile.Read(ref _sweepsCompleted);

    /// <summary>Counts an error by its kind (a short message without numbers, so the report groups them).</summary>
    public void Error(string kind) => _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public void BusyAnswer() => Interlocked.Increment(ref _busy);

    public void CircuitOpened()
    {
        Interlocked.Increment(ref _circuits);
        Interlocked.Increment(ref _circuitsOpened);
    }

    public void CircuitClosed() => Interlocked.Decrement(ref _circuits);

    public void Update() => Interlocked.Increment(ref _updates);

    public void Event() => Interlocked.Increment(ref _events);

    public void Drag() => Interlocked.Increment(ref _drags);

    public void SweepCompleted() => Interlocked.Increment(ref _sweepsCompleted);
}
