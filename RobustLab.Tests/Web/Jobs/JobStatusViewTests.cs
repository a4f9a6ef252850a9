using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RobustLab.Web.Components.Jobs;
using RobustLab.Web.Services.Jobs;

namespace RobustLab.Tests.Web.Jobs;

// A job's status as its owner sees it, rendered to HTML from real jobs on a real queue in each state.
public sealed class JobStatusViewTests
{
    private static async Task<string> Render(JobHandle? job) =>
        WebUtility.HtmlDecode(await ComponentRenderer.RenderAsync<JobStatusView>(new Dictionary<string, object?> { ["Job"] = job }));

    private static JobQueue Queue() => new(Options.Create(new JobQueueOptions { Concurrency = 1 }), NullLogger<JobQueue>.Instance);

    [Fact]
    public async Task Queued_shows_the_place_in_line_and_a_cancel_button()
    {
        using var queue = Queue();
        var gate = new Gate();
        queue.Enqueue("a", "first", (t, _) => gate.Work(t));
        var second = queue.Enqueue("b", "second", (t, _) => gate.Work(t));
        var third = queue.Enqueue("c", "third", (t, _) => gate.Work(t));
        var html = await Render(second);
        Assert.Contains("data-state=\"Queued\"", html);
        Assert.Contains("Queued: next in line (1 running, 1 at a time)", html);
        Assert.Contains("job-cancel", html);
        Assert.Contains("Queued: 1 job ahead", await Render(third));
        gate.Open();
    }

    [Fact]
    public async Task Running_shows_progress_its_message_and_the_time_left()
    {
        using var queue = Queue();
        var gate = new Gate();
        var reported = new TaskCompletionSource();
        var job = queue.Enqueue("a", "train", async (t, progress) =>
        {
            await Task.Delay(10, t);
            progress.Report(new JobProgress(0.25, "Epoch 1 of 4, batch 3 of 12"));
            reported.SetResult();
            await gate.Work(t);
        });
        await reported.Task.Bounded();
        var html = await Render(job);
        Assert.Contains("data-state=\"Running\"", html);
        Assert.Contains("25%", html.Replace(" ", ""));
        Assert.Contains("Epoch 1 of 4, batch 3 of 12", html);
        Assert.Contains("left", html);
        Assert.Contains("job-cancel", html);
        gate.Open();
        await job.Completion.Bounded();
    }

    [Fact]
    public async Task Failed_shows_the_jobs_message_and_no_cancel_button()
    {
        using var queue = Queue();
        var job = queue.Enqueue("a", "train", (_, _) => throw new InvalidOperationException("Training diverged: loss is NaN at epoch 1, batch 2. Lower the learning rate."));
        await job.Completion.Bounded();
        var html = await Render(job);
        Assert.Contains("Failed: Training diverged: loss is NaN at epoch 1, batch 2. Lower the learning rate.", html);
        Assert.DoesNotContain("job-cancel", html);
    }

    [Fact]
    public async Task Completed_and_cancelled_say_so_and_no_job_shows_nothing()
    {
        using var queue = Queue();
        var done = queue.Enqueue("a", "quick", (_, _) => Task.CompletedTask);
        await done.Completion.Bounded();
        Assert.Contains("Done in", await Render(done));

        var gate = new Gate();
        var cancelled = queue.Enqueue("b", "slow", (t, _) => gate.Work(t));
        await gate.Started.Bounded();
        cancelled.Cancel();
        await cancelled.Completion.Bounded();
        Assert.Contains("Cancelled after", await Render(cancelled));

        Assert.Contains("data-state=\"None\"", await Render(null));
    }
}
