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
/// </remarks>
public sealed class LatestWins<TRequest, TResult>(Func<TRequest, CancellationToken, Task<TResult>> compute) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private CancellationTokenSource? _latest;

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
                if (mine.IsCancellationRequested) return LatestOutcome<TResult>.Superseded;
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
