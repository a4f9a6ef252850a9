namespace RobustLab.Web.Services.Lab;

/// <summary>Runs work for the newest value only: posting a value cancels the run in flight, and values posted while a run winds down replace each other.</summary>
/// <remarks>
/// One run at a time, on the thread pool. While a slider is dragged, each move cancels the computation under
/// way (which stops at its next cancellation check) and only the latest value is computed next; the values in
/// between are never started. Exceptions other than the run's own cancellation go to <c>onError</c>.
/// </remarks>
public sealed class LatestWins<T> : IDisposable
{
    private readonly Func<T, CancellationToken, Task> _work;
    private readonly Action<Exception> _onError;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _lock = new();
    private T? _pending;
    private bool _hasPending;
    private CancellationTokenSource? _running;
    private Task _loop = Task.CompletedTask;
    private bool _looping; // NOTE: not _loop.IsCompleted: the loop leaves its lock a moment before its task completes
    private int _started, _cancelled, _skipped;

    public LatestWins(Func<T, CancellationToken, Task> work, Action<Exception> onError)
    {
        (_work, _onError) = (work ?? throw new ArgumentNullException(nameof(work)), onError ?? throw new ArgumentNullException(nameof(onError)));
    }

    /// <summary>Runs started so far.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>Runs cancelled because a newer value arrived (or on disposal).</summary>
    public int Cancelled => Volatile.Read(ref _cancelled);

    /// <summary>Values replaced by a newer one before they started.</summary>
    public int Skipped => Volatile.Read(ref _skipped);

    /// <summary>Completes when no run is under way or pending (for tests and shutdown).</summary>
    public Task Idle
    {
        get { lock (_lock) return _loop; }
    }

    /// <summary>Makes <paramref name="value"/> the next to run, cancelling the run in flight.</summary>
    public void Post(T value)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            if (_hasPending) _skipped++;
            (_pending, _hasPending) = (value, true);
            _running?.Cancel();
            if (_looping) return;
            _looping = true;
            _loop = Task.Run(LoopAsync);
        }
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            T value;
            CancellationTokenSource run;
            lock (_lock)
            {
                if (!_hasPending || _disposed.IsCancellationRequested)
                {
                    _looping = false;
                    return;
                }
                (value, _pending, _hasPending) = (_pending!, default, false);
                run = _running = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
                _started++;
            }
            try
            {
                await _work(value, run.Token);
            }
            catch (OperationCanceledException) when (run.IsCancellationRequested)
            {
                Interlocked.Increment(ref _cancelled);
            }
            catch (Exception e)
            {
                _onError(e);
            }
            finally
            {
                lock (_lock) _running = null;
                run.Dispose();
            }
        }
    }

    /// <summary>Cancels the run in flight and drops anything pending; later posts throw.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed.IsCancellationRequested) return;
            _disposed.Cancel();
            _hasPending = false;
        }
    }
}
