namespace RobustLab.Web.Services.Jobs;

/// <summary>
/// Coalesces a stream of requests to the latest one, for live views (a slider being dragged): a new request
/// cancels the computation in flight and any request still waiting, and only the newest one runs.
/// </summary>
/// <remarks>
/// At most one computation runs at a time: a new request waits until the cancelled one has stopped (so a
/// fast slider never piles up work on the cores), and by then it may itself be superseded. Each
/// <see cref="SubmitAsync"/> tells its caller whether its result is the latest; a superseded request ends
/// quietly (<see cref="LatestOutcome{T}.IsLatest"/> false), and an exception from the latest request's
/// computation reaches its caller. Thread-safe. Not a <see cref="JobQueue"/> job: meant for light work
/// (one image, well under a second); heavy work belongs on the queue.
/// <para>
/// Rate limit: at most <c>maxStartsPerSecond</c> computations start per second — two starts are at least 1/rate
/// apart. A request that arrives sooner waits for the window to open, holding no core; a newer one replaces it
/// while it waits, so a flood of slider events costs at most rate × seconds computations and the newest value is
/// always the one computed last (it is never dropped, only delayed by at most 1/rate).
/// </para>
/// </remarks>
/// <param name="compute">The computation; it should honour its token.</param>
/// <param name="maxStartsPerSecond">Computations started per second at most (infinity: no limit).</param>
/// <param name="time">The clock the rate is measured on (the system's by default).</param>
public sealed class LatestWins<TRequest, TResult>(Func<TRequest, CancellationToken, Task<TResult>> compute,
    double maxStartsPerSecond = double.PositiveInfinity, TimeProvider? time = null) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly TimeSpan _minInterval = maxStartsPerSecond > 0 && double.IsFinite(maxStartsPerSecond)
        ? TimeSpan.FromSeconds(1 / maxStartsPerSecond)
        : maxStartsPerSecond > 0 ? TimeSpan.Zero : throw new ArgumentOutOfRangeException(nameof(maxStartsPerSecond), maxStartsPerSecond, "The rate must be > 0.");
    private CancellationTokenSource? _latest;
    private long? _lastStart; // timestamp of the last start; read and written only by the holder of _gate
    private long _started;

    /// <summary>Least time between two starts (1 / the rate; zero without a limit).</summary>
    public TimeSpan MinInterval => _minInterval;

    /// <summary>Computations started so far.</summary>
    public long Started => Interlocked.Read(ref _started);

    /// <summary>Cancels whatever is in flight or waiting and computes <paramref name="request"/> once the cores are free.</summary>
    /// <param name="cancellationToken">Cancels this request too (e.g. the page is going away).</param>
    public async Task<LatestOutcome<TResult>> SubmitAsync(TRequest request, CancellationToken cancellationToken = default)
    {
        CancellationTokenSource mine;
        lock (_lock)
        {
            if (_disposed.IsCancellationRequested) return LatestOutcome<TResult>.Superseded;
            _latest?.Cancel();
            mine = _latest = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token, cancellationToken);
        }
        try
        {
            try
            {
                await _gate.WaitAsync(mine.Token); // the previous computation stops at its next check
            }
            catch (OperationCanceledException)
            {
                return LatestOutcome<TResult>.Superseded;
            }
            try
            {
                await WaitForWindowAsync(mine.Token); // a newer request cancels the wait: it waits for the window in our place
                if (mine.IsCancellationRequested) return LatestOutcome<TResult>.Superseded;
                _lastStart = _time.GetTimestamp();
                Interlocked.Increment(ref _started);
                var value = await compute(request, mine.Token);
                return mine.IsCancellationRequested ? LatestOutcome<TResult>.Superseded : LatestOutcome<TResult>.Of(value);
            }
            catch (OperationCanceledException) when (mine.IsCancellationRequested)
            {
                return LatestOutcome<TResult>.Superseded;
            }
            finally
            {
                _gate.Release();
            }
        }
        finally
        {
            lock (_lock)
            {
                if (_latest == mine) _latest = null;
                mine.Dispose(); // under the lock: a newer request cancels _latest under it too, never a disposed source
            }
        }
    }

    // Waits until MinInterval has passed since the last start (a timer may fire a little early: check again).
    private async Task WaitForWindowAsync(CancellationToken cancellationToken)
    {
        if (_lastStart is not { } last) return;
        for (var wait = _minInterval - _time.GetElapsedTime(last); wait > TimeSpan.Zero; wait = _minInterval - _time.GetElapsedTime(last))
            await Task.Delay(wait, _time, cancellationToken);
    }

    /// <summary>Cancels whatever is in flight; later requests return superseded at once.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed.IsCancellationRequested) return;
            _disposed.Cancel();
        }
    }
}

/// <summary>The result of one <see cref="LatestWins{TRequest, TResult}"/> request: its value, or that a newer request replaced it.</summary>
public readonly record struct LatestOutcome<T>(bool IsLatest, T? Value)
{
    public static LatestOutcome<T> Superseded => default;

    public static LatestOutcome<T> Of(T value) => new(true, value);
}
