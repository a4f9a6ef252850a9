using System.Diagnostics;

namespace RobustLab.Web.Services.Jobs;

/// <summary>
/// One job on the <see cref="JobQueue"/>: its status (queued with its position, running, or how it ended), its
/// progress with an estimate of the time left, a way to cancel it, and a task that completes when it ends.
/// </summary>
/// <remarks>
/// Thread-safe. <see cref="Changed"/> is raised on background threads (a page marshals with InvokeAsync);
/// progress changes raise it at most every 100 ms, status changes always. <see cref="Completion"/> never
/// faults: a job's exception becomes <see cref="JobState.Failed"/> with the exception's message.
/// </remarks>
public sealed class JobHandle
{
    private static readonly TimeSpan ProgressEventInterval = TimeSpan.FromMilliseconds(100);

    private readonly JobQueue _queue;
    private readonly TaskCompletionSource<JobStatus> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private JobStatus _status;
    private JobProgress? _progress;
    private long _startedTimestamp, _finishedTimestamp, _lastProgressEvent, _cancelRequestedTimestamp;

    internal JobHandle(JobQueue queue, long id, string userId, string name, Func<CancellationToken, IProgress<JobProgress>, Task> work, JobStatus status)
    {
        (_queue, Id, UserId, Name, Work, _status) = (queue, id, userId, name, work, status);
        Reporter = new ProgressReporter(this);
        if (status.State == JobState.Running) _startedTimestamp = Stopwatch.GetTimestamp();
    }

    public long Id { get; }

    /// <summary>The queue the job is on (for "2 running, 2 at a time").</summary>
    public JobQueue Queue => _queue;

    /// <summary>Whose job it is (see <see cref="CircuitJobs"/>: one circuit is one user).</summary>
    public string UserId { get; }

    /// <summary>What the job does, in a few words ("Train lenet-like").</summary>
    public string Name { get; }

    public JobStatus Status => Volatile.Read(ref _status);

    /// <summary>The last progress the job reported (null before the first report).</summary>
    public JobProgress? Progress => Volatile.Read(ref _progress);

    /// <summary>Time spent running so far (or in total, once finished).</summary>
    public TimeSpan Elapsed
    {
        get
        {
            long started = Interlocked.Read(ref _startedTimestamp), finished = Interlocked.Read(ref _finishedTimestamp);
            if (started == 0) return TimeSpan.Zero;
            return Stopwatch.GetElapsedTime(started, finished == 0 ? Stopwatch.GetTimestamp() : finished);
        }
    }

    /// <summary>For a running job that was cancelled: the time from the cancellation to the job's end (null otherwise).</summary>
    /// <remarks>How promptly the work honours its token; issue 5 bounds it at one second.</remarks>
    public TimeSpan? StopLatency
    {
        get
        {
            long requested = Interlocked.Read(ref _cancelRequestedTimestamp), finished = Interlocked.Read(ref _finishedTimestamp);
            return requested == 0 || finished == 0 ? null : Stopwatch.GetElapsedTime(requested, Math.Max(requested, finished));
        }
    }

    /// <summary>Time left at the pace so far: elapsed·(1−f)/f for progress fraction f; null before there is a pace.</summary>
    public TimeSpan? Eta => Status.State == JobState.Running && Progress is { Fraction: > 0 and var f } && Elapsed is { Ticks: > 0 } elapsed
        ? elapsed * ((1 - Math.Min(f, 1)) / f)
        : null;

    /// <summary>Completes with the final status when the job ends; never faults.</summary>
    public Task<JobStatus> Completion => _completion.Task;

    /// <summary>Raised after the status, the queue position or the progress changed.</summary>
    public event Action<JobHandle>? Changed;

    /// <summary>Why a job ends as cancelled when its owner pressed Cancel. Said as the reason, not as "Cancelled." again:
    /// the status reads (and the log writes) "Cancelled: {reason}".</summary>
    public const string OwnerCancelled = "Its owner pressed Cancel.";

    /// <summary>Cancels the job: a queued job ends at once, a running one when its work next checks its token.</summary>
    public void Cancel() => _queue.Cancel(this, OwnerCancelled);

    internal Func<CancellationToken, IProgress<JobProgress>, Task> Work { get; }

    internal CancellationTokenSource Cancellation { get; } = new();

    internal string CancelReason { get; set; } = OwnerCancelled;

    internal IProgress<JobProgress> Reporter { get; }

    /// <summary>Sets the status (called under the queue's lock); returns whether it changed.</summary>
    internal bool SetStatus(JobStatus status)
    {
        if (Status == status) return false;
        if (status.State == JobState.Running) Interlocked.Exchange(ref _startedTimestamp, Stopwatch.GetTimestamp());
        if (status.IsFinished && Interlocked.Read(ref _startedTimestamp) != 0) Interlocked.Exchange(ref _finishedTimestamp, Stopwatch.GetTimestamp());
        Volatile.Write(ref _status, status);
        return true;
    }

    /// <summary>Notes when a running job was first asked to stop (for <see cref="StopLatency"/>).</summary>
    internal void MarkCancelRequested() => Interlocked.CompareExchange(ref _cancelRequestedTimestamp, Stopwatch.GetTimestamp(), 0);

    internal void Complete() => _completion.TrySetResult(Status);

    internal void RaiseChanged() => _queue.Raise(Changed, this);

    private void Report(JobProgress progress)
    {
        if (Status.State != JobState.Running) return;
        Volatile.Write(ref _progress, progress with { Fraction = Math.Clamp(double.IsFinite(progress.Fraction) ? progress.Fraction : 0, 0, 1) });
        long now = Stopwatch.GetTimestamp(), last = Interlocked.Read(ref _lastProgressEvent);
        if (progress.Fraction >= 1 || last == 0 || Stopwatch.GetElapsedTime(last, now) >= ProgressEventInterval)
        {
            Interlocked.Exchange(ref _lastProgressEvent, now);
            RaiseChanged();
        }
    }

    // Reports on the job's own thread, in order (Progress<T> would post to the thread pool, unordered).
    private sealed class ProgressReporter(JobHandle handle) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => handle.Report(value);
    }
}
