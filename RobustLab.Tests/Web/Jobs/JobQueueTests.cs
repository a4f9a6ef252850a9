using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RobustLab.Web.Services.Jobs;

namespace RobustLab.Tests.Web.Jobs;

// The shared job queue: the concurrency bound, one job per user, queue positions, cancellation,
// rejection when full, and that one job's failure (or a page's faulty handler) harms no one else.
public sealed class JobQueueTests
{
    private static JobQueue Queue(int concurrency, int maxQueued = 16) =>
        new(Options.Create(new JobQueueOptions { Concurrency = concurrency, MaxQueued = maxQueued }), NullLogger<JobQueue>.Instance);

    private static JobHandle Enqueue(JobQueue queue, string user, Gate gate) =>
        queue.Enqueue(user, $"job of {user}", (token, _) => gate.Work(token));

    [Fact]
    public async Task Runs_at_most_concurrency_jobs_and_starts_waiting_ones_in_order()
    {
        using var queue = Queue(concurrency: 2);
        var gates = Enumerable.Range(0, 5).Select(_ => new Gate()).ToArray();
        int running = 0, maxRunning = 0;
        var jobs = gates.Select((gate, i) => queue.Enqueue($"user{i}", $"job {i}", async (token, _) =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            try { await gate.Work(token); }
            finally { Interlocked.Decrement(ref running); }
        })).ToArray();

        await Task.WhenAll(gates[0].Started, gates[1].Started).Bounded();
        Assert.Equal([JobState.Running, JobState.Running, JobState.Queued, JobState.Queued, JobState.Queued], jobs.Select(j => j.Status.State));
        Assert.Equal([1, 2, 3], jobs[2..].Select(j => j.Status.Position));
        Assert.Equal((2, 3), (queue.RunningCount, queue.QueuedCount));

        gates[1].Open();
        await gates[2].Started.Bounded(); // the first in line takes the free slot
        Assert.Equal(JobState.Completed, (await jobs[1].Completion.Bounded()).State);
        Assert.Equal([1, 2], jobs[3..].Select(j => j.Status.Position));
        Assert.False(gates[3].HasStarted);

        foreach (var gate in gates) gate.Open();
        var final = await Task.WhenAll(jobs.Select(j => j.Completion)).Bounded();
        Assert.All(final, s => Assert.Equal(JobState.Completed, s.State));
        Assert.Equal(2, maxRunning);
        Assert.Equal((0, 0), (queue.RunningCount, queue.QueuedCount));
    }

    [Fact]
    public async Task A_user_has_at_most_one_job_and_may_start_another_when_it_ends()
    {
        using var queue = Queue(concurrency: 4);
        var first = new Gate();
        var job = Enqueue(queue, "alice", first);
        var e = Assert.Throws<JobRejectedException>(() => Enqueue(queue, "alice", new Gate()));
        Assert.Equal(JobRejection.UserHasJob, e.Reason);
        Assert.Contains("already have a job", e.Message);
        Assert.Same(job, queue.ActiveJobOf("alice"));

        var other = Enqueue(queue, "bob", new Gate()); // other users are not affected
        Assert.Equal(JobState.Running, other.Status.State);

        first.Open();
        await job.Completion.Bounded();
        Assert.Null(queue.ActiveJobOf("alice"));
        var second = new Gate();
        var again = Enqueue(queue, "alice", second);
        await second.Started.Bounded();
        other.Cancel();
        again.Cancel();
        await Task.WhenAll(other.Completion, again.Completion).Bounded();
    }

    [Fact]
    public async Task A_full_queue_rejects_new_jobs_with_a_busy_message()
    {
        using var queue = Queue(concurrency: 1, maxQueued: 2);
        var gate = new Gate();
        var jobs = new[] { "a", "b", "c" }.Select(u => Enqueue(queue, u, gate)).ToArray();
        var e = Assert.Throws<JobRejectedException>(() => Enqueue(queue, "d", gate));
        Assert.Equal(JobRejection.Busy, e.Reason);
        Assert.Contains("busy", e.Message);
        Assert.Contains("try again", e.Message);
        Assert.Null(queue.ActiveJobOf("d"));

        jobs[2].Cancel(); // a place frees up
        Assert.Equal(JobState.Queued, Enqueue(queue, "d", gate).Status.State);
        gate.Open();
    }

    [Fact]
    public async Task No_waiting_room_means_busy_as_soon_as_every_slot_runs()
    {
        using var queue = Queue(concurrency: 1, maxQueued: 0);
        var gate = new Gate();
        var job = Enqueue(queue, "a", gate);
        Assert.Equal(JobRejection.Busy, Assert.Throws<JobRejectedException>(() => Enqueue(queue, "b", gate)).Reason);
        gate.Open();
        await job.Completion.Bounded();
    }

    [Fact]
    public async Task Cancelling_a_running_job_stops_its_work_and_says_so()
    {
        using var queue = Queue(concurrency: 1);
        var gate = new Gate();
        var job = Enqueue(queue, "alice", gate);
        await gate.Started.Bounded();
        job.Cancel();
        var status = await job.Completion.Bounded();
        Assert.Equal(JobStatus.Cancelled(JobHandle.OwnerCancelled), status);
        Assert.Equal("Cancelled: Its owner pressed Cancel.", status.ToString()); // was "Cancelled: Cancelled." (issue 9)
        Assert.Null(queue.ActiveJobOf("alice"));
    }

    [Fact]
    public async Task Cancelling_a_queued_job_removes_it_and_moves_those_behind_it_up()
    {
        using var queue = Queue(concurrency: 1);
        var gate = new Gate();
        var running = Enqueue(queue, "a", gate);
        var queuedGate = new Gate();
        var queued = Enqueue(queue, "b", queuedGate);
        var behind = Enqueue(queue, "c", gate);
        var positions = new List<int?>();
        behind.Changed += j => positions.Add(j.Status.Position);
        Assert.Equal(2, behind.Status.Position);

        queued.Cancel();
        Assert.Equal(JobState.Cancelled, (await queued.Completion.Bounded()).State); // at once, without running
        Assert.Equal(1, behind.Status.Position);
        Assert.Equal([1], positions);

        gate.Open();
        await Task.WhenAll(running.Completion, behind.Completion).Bounded();
        Assert.False(queuedGate.HasStarted);
    }

    [Fact]
    public async Task A_job_that_ignores_cancellation_and_finishes_counts_as_completed()
    {
        using var queue = Queue(concurrency: 1);
        var gate = new Gate(honourCancellation: false);
        var job = Enqueue(queue, "a", gate);
        await gate.Started.Bounded();
        job.Cancel();
        gate.Open();
        Assert.Equal(JobState.Completed, (await job.Completion.Bounded()).State);
    }

    [Fact]
    public async Task A_failing_job_fails_alone_with_its_message()
    {
        using var queue = Queue(concurrency: 2);
        var healthy = new Gate();
        var ok = Enqueue(queue, "bob", healthy);
        var failing = new Gate();
        var bad = Enqueue(queue, "alice", failing);
        await Task.WhenAll(healthy.Started, failing.Started).Bounded();

        failing.Fail(new InvalidOperationException("Training diverged: loss is NaN."));
        var status = await bad.Completion.Bounded(); // Completion never faults
        Assert.Equal(JobStatus.Failed("Training diverged: loss is NaN."), status);
        Assert.Equal(JobState.Running, ok.Status.State);

        healthy.Open();
        Assert.Equal(JobState.Completed, (await ok.Completion.Bounded()).State);
        var next = new Gate(); // the queue keeps working, for the failed user too
        var retry = Enqueue(queue, "alice", next);
        next.Open();
        Assert.Equal(JobState.Completed, (await retry.Completion.Bounded()).State);
    }

    [Fact]
    public async Task A_throwing_page_handler_does_not_stop_the_job_or_other_handlers()
    {
        using var queue = Queue(concurrency: 1);
        var gate = new Gate();
        var job = Enqueue(queue, "alice", gate);
        var heard = new List<JobState>();
        job.Changed += _ => throw new InvalidOperationException("a broken page");
        job.Changed += j => { lock (heard) heard.Add(j.Status.State); };
        queue.Changed += () => throw new InvalidOperationException("a broken status bar");
        await gate.Started.Bounded();
        gate.Open();
        Assert.Equal(JobState.Completed, (await job.Completion.Bounded()).State);
        lock (heard) Assert.Contains(JobState.Completed, heard);
    }

    [Fact]
    public async Task Progress_is_kept_with_an_estimate_of_the_time_left()
    {
        using var queue = Queue(concurrency: 1);
        var reported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new Gate();
        var job = queue.Enqueue("alice", "half way", async (token, progress) =>
        {
            await Task.Delay(20, token); // some elapsed time, so there is a pace
            progress.Report(new JobProgress(0.5, "epoch 1 of 2"));
            reported.SetResult();
            await gate.Work(token);
        });
        Assert.Null(job.Progress);
        await reported.Task.Bounded();
        Assert.Equal(new JobProgress(0.5, "epoch 1 of 2"), job.Progress);
        var eta = Assert.NotNull(job.Eta);
        Assert.InRange(eta, TimeSpan.FromTicks(1), job.Elapsed * 1.5); // elapsed·(1−½)/½ = elapsed, measured a moment apart
        gate.Open();
        await job.Completion.Bounded();
        Assert.Null(job.Eta);
    }

    [Fact]
    public async Task Closing_a_circuit_cancels_its_job()
    {
        using var queue = Queue(concurrency: 1);
        var gate = new Gate();
        var jobs = new CircuitJobs(queue);
        var job = jobs.Enqueue("train", (token, _) => gate.Work(token));
        Assert.Same(job, jobs.Current);
        Assert.NotEqual(new CircuitJobs(queue).UserId, jobs.UserId);
        await gate.Started.Bounded();

        jobs.Dispose();
        Assert.Equal(JobStatus.Cancelled(CircuitJobs.CircuitClosed), await job.Completion.Bounded());
        Assert.Null(jobs.Current);
    }

    [Fact]
    public void Concurrency_defaults_to_the_number_of_cores()
    {
        using var queue = new JobQueue(Options.Create(new JobQueueOptions()), NullLogger<JobQueue>.Instance);
        Assert.Equal(Environment.ProcessorCount, queue.Concurrency);
        Assert.Equal(16, queue.MaxQueued);
    }

    [Fact]
    public async Task Disposing_the_queue_cancels_running_and_queued_jobs()
    {
        var queue = Queue(concurrency: 1);
        var gate = new Gate();
        var running = Enqueue(queue, "a", gate);
        var queued = Enqueue(queue, "b", gate);
        await gate.Started.Bounded();
        queue.Dispose();
        var statuses = await Task.WhenAll(running.Completion, queued.Completion).Bounded();
        Assert.All(statuses, s => Assert.Equal(JobStatus.Cancelled("The lab is shutting down."), s));
        Assert.Throws<ObjectDisposedException>(() => Enqueue(queue, "c", gate));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
