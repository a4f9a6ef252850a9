using Microsoft.Extensions.Options;

namespace RobustLab.Web.Services.Jobs;

/// <summary>
/// The one queue of heavy work (training, sweeps) shared by every user: at most <see cref="Concurrency"/> jobs
/// run at once, at most <see cref="MaxQueued"/> wait (first come, first served), and each user has at most
/// <see cref="PerUser"/> jobs queued or running.
/// </summary>
/// <remarks>
/// A singleton. Jobs run on the thread pool; a job's exception is logged and becomes its own
/// <see cref="JobState.Failed"/> status, never anyone else's problem, and a page's event handler that throws
/// is logged and skipped. Configured by <see cref="JobQueueOptions"/> ("RobustLab:Jobs"). Work that computes for
/// long should do so on a thread of its own (<see cref="TaskCreationOptions.LongRunning"/>), so that the thread
/// pool stays free for the circuits.
/// </remarks>
public sealed class JobQueue : IDisposable
{
    private readonly Lock _lock = new();
    private readonly LinkedList<JobHandle> _waiting = new();
    private readonly Dictionary<string, List<JobHandle>> _byUser = new(StringComparer.Ordinal); // oldest first
    private readonly HashSet<JobHandle> _running = [];
    private readonly ILogger<JobQueue> _logger;
    private long _nextId;
    private bool _disposed;

    public JobQueue(IOptions<JobQueueOptions> options, ILogger<JobQueue> logger)
    {
        var o = options.Value;
        if (new JobQueueOptionsValidator().Validate(null, o) is { Failed: true } invalid) throw new ArgumentException(invalid.FailureMessage, nameof(options));
        (Concurrency, MaxQueued, PerUser, _logger) = (o.EffectiveConcurrency, o.MaxQueued, o.PerUser, logger);
    }

    /// <summary>Jobs that run at the same time.</summary>
    public int Concurrency { get; }

    /// <summary>Jobs that may wait for a free slot.</summary>
    public int MaxQueued { get; }

    /// <summary>Jobs one user may have queued or running at once.</summary>
    public int PerUser { get; }

    public int RunningCount
    {
        get { lock (_lock) return _running.Count; }
    }

    public int QueuedCount
    {
        get { lock (_lock) return _waiting.Count; }
    }

    /// <summary>Raised (on a background thread) when a job is queued, starts or ends.</summary>
    public event Action? Changed;

    /// <summary>Queues <paramref name="work"/> for <paramref name="userId"/>; it starts at once when a slot is free.</summary>
    /// <param name="work">Gets a token that is cancelled when the job is, and a progress sink; throws to fail the job.</param>
    /// <exception cref="JobRejectedException">The user already has <see cref="PerUser"/> jobs, or the queue is full; the message says so.</exception>
    public JobHandle Enqueue(string userId, string name, Func<CancellationToken, IProgress<JobProgress>, Task> work)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(work);
        JobHandle handle;
        bool start;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_byUser.TryGetValue(userId, out var mine) && mine.Count >= PerUser)
                throw new JobRejectedException(JobRejection.UserHasJob, PerUser == 1
                    ? $"You already have a job ({mine[0].Name}: {mine[0].Status}). Cancel it or wait until it ends."
                    : $"You already have {mine.Count} jobs ({string.Join("; ", mine.Select(j => $"{j.Name}: {j.Status}"))}), the most one user may have. Cancel one or wait until one ends.");
            start = _running.Count < Concurrency;
            if (!start && _waiting.Count >= MaxQueued)
                throw new JobRejectedException(JobRejection.Busy,
                    $"The lab is busy ({_running.Count} jobs running, {_waiting.Count} waiting); try again in a minute.");
            handle = new JobHandle(this, ++_nextId, userId, name, work, start ? JobStatus.Running : JobStatus.Queued(_waiting.Count + 1));
            if (mine is null) _byUser[userId] = mine = [];
            mine.Add(handle);
            if (start) _running.Add(handle);
            else _waiting.AddLast(handle);
        }
        _logger.LogInformation("Job {Id} ({Name}) of {User}: {Status}.", handle.Id, name, userId, handle.Status);
        if (start) Run(handle);
        Raise(Changed);
        return handle;
    }

    /// <summary>The user's oldest job that is queued or running, if any.</summary>
    public JobHandle? ActiveJobOf(string userId)
    {
        lock (_lock) return _byUser.GetValueOrDefault(userId)?[0];
    }

    /// <summary>Every job of the user that is queued or running, oldest first.</summary>
    public IReadOnlyList<JobHandle> ActiveJobsOf(string userId)
    {
        lock (_lock) return _byUser.TryGetValue(userId, out var jobs) ? [.. jobs] : [];
    }

    /// <summary>Cancels the user's jobs, if any, giving <paramref name="reason"/> as their message.</summary>
    public void CancelJobsOf(string userId, string reason)
    {
        foreach (var job in ActiveJobsOf(userId)) Cancel(job, reason);
    }

    internal void Cancel(JobHandle job, string reason)
    {
        bool wasQueued;
        List<JobHandle> moved;
        lock (_lock)
        {
            if (job.Status.IsFinished) return;
            job.CancelReason = reason;
            wasQueued = _waiting.Remove(job);
            if (wasQueued)
            {
                Forget(job);
                job.SetStatus(JobStatus.Cancelled(reason));
            }
            moved = wasQueued ? Renumber() : [];
        }
        if (wasQueued)
        {
            _logger.LogInformation("Job {Id} ({Name}) cancelled while queued: {Reason}", job.Id, job.Name, reason);
            job.Complete();
            job.RaiseChanged();
            foreach (var m in moved) m.RaiseChanged();
            Raise(Changed);
        }
        else
        {
            job.MarkCancelRequested();
            job.Cancellation.Cancel(); // a running job stops at its next check and ends as Cancelled
        }
    }

    private void Run(JobHandle job) => _ = Task.Run(async () =>
    {
        job.RaiseChanged();
        var token = job.Cancellation.Token;
        JobStatus final;
        try
        {
            token.ThrowIfCancellationRequested();
            await job.Work(token, job.Reporter);
            final = JobStatus.Completed;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            final = JobStatus.Cancelled(job.CancelReason);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Job {Id} ({Name}) of {User} failed.", job.Id, job.Name, job.UserId);
            final = JobStatus.Failed(e.Message);
        }
        Finish(job, final);
    });

    private void Finish(JobHandle job, JobStatus final)
    {
        var started = new List<JobHandle>();
        List<JobHandle> moved;
        lock (_lock)
        {
            _running.Remove(job);
            Forget(job);
            job.SetStatus(final);
            while (!_disposed && _running.Count < Concurrency && _waiting.First is { } next)
            {
                _waiting.RemoveFirst();
                _running.Add(next.Value);
                next.Value.SetStatus(JobStatus.Running);
                started.Add(next.Value);
            }
            moved = Renumber();
        }
        _logger.LogInformation("Job {Id} ({Name}) of {User}: {Status} after {Elapsed}.", job.Id, job.Name, job.UserId, final, job.Elapsed);
        if (job.StopLatency is { } latency)
            _logger.LogInformation("Job {Id} stopped {Milliseconds} ms after its cancellation was requested.", job.Id, (int)latency.TotalMilliseconds);
        job.RaiseChanged(); // pages hear the final state before Completion resolves, so an awaiter sees it reported
        job.Complete();
        foreach (var next in started) Run(next);
        foreach (var m in moved) m.RaiseChanged();
        Raise(Changed);
    }

    // Drops a job that ended from its user's list. Called under the lock.
    private void Forget(JobHandle job)
    {
        if (_byUser.TryGetValue(job.UserId, out var jobs) && jobs.Remove(job) && jobs.Count == 0) _byUser.Remove(job.UserId);
    }

    // Gives each waiting job its 1-based place; returns those whose place changed. Called under the lock.
    private List<JobHandle> Renumber()
    {
        var moved = new List<JobHandle>();
        int position = 1;
        foreach (var job in _waiting)
            if (job.SetStatus(JobStatus.Queued(position++))) moved.Add(job);
        return moved;
    }

    // Calls each handler on its own, so one page's faulty handler cannot stop the others from hearing.
    internal void Raise(Action<JobHandle>? handlers, JobHandle job)
    {
        if (handlers is null) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action<JobHandle>>())
        {
            try
            {
                handler(job);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "A Changed handler of job {Id} threw; the job and other pages are not affected.", job.Id);
            }
        }
    }

    private void Raise(Action? handlers)
    {
        if (handlers is null) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action>())
        {
            try
            {
                handler();
            }
            catch (Exception e)
            {
                _logger.LogError(e, "A JobQueue.Changed handler threw; the queue is not affected.");
            }
        }
    }

    /// <summary>Cancels every job (the app is stopping).</summary>
    public void Dispose()
    {
        List<JobHandle> all;
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            all = [.. _waiting, .. _running];
        }
        foreach (var job in all) Cancel(job, "The lab is shutting down.");
    }
}
