using Bunit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RobustLab.Tests.Web.Components;
using RobustLab.Web.Components.Jobs;
using RobustLab.Web.Services.Jobs;

namespace RobustLab.Tests.Web.Jobs;

// A job's status as its owner sees it (bunit, MudBlazor), from real jobs on a real queue in each state; Cancel stops it.
public sealed class JobStatusViewTests : MudComponentTest
{
    private IRenderedComponent<JobStatusView> Render(JobHandle? job) => Context.Render<JobStatusView>(p => p.Add(c => c.Job, job));

    private static string StateOf(IRenderedComponent<JobStatusView> cut) => cut.Find(".job-status").GetAttribute("data-state")!;

    private static JobQueue Queue() => new(Options.Create(new JobQueueOptions { Concurrency = 1 }), NullLogger<JobQueue>.Instance);

    [Fact]
    public void Queued_shows_the_place_in_line_and_a_cancel_button()
    {
        using var queue = Queue();
        var gate = new Gate();
        queue.Enqueue("a", "first", (t, _) => gate.Work(t));
        var second = queue.Enqueue("b", "second", (t, _) => gate.Work(t));
        var third = queue.Enqueue("c", "third", (t, _) => gate.Work(t));
        var cut = Render(second);
        Assert.Equal("Queued", StateOf(cut));
        Assert.Equal("Queued: next in line (1 running, 1 at a time)", cut.Find(".job-line").TextContent.Trim());
        Assert.Single(cut.FindAll(".job-cancel"));
        Assert.Contains("Queued: 1 job ahead", Render(third).Find(".job-line").TextContent);
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
        var cut = Render(job);
        Assert.Equal("Running", StateOf(cut));
        Assert.Equal("25", cut.Find(".mud-progress-linear").GetAttribute("aria-valuenow"));
        var line = cut.Find(".job-line").TextContent;
        Assert.Contains("25%", line.Replace(" ", "", StringComparison.Ordinal));
        Assert.Contains("Epoch 1 of 4, batch 3 of 12", line);
        Assert.Contains("left", line);
        gate.Open();
        await job.Completion.Bounded();
    }

    [Fact]
    public async Task Pressing_cancel_stops_the_job_and_says_so_once()
    {
        using var queue = Queue();
        var gate = new Gate();
        var job = queue.Enqueue("a", "slow", (t, _) => gate.Work(t));
        await gate.Started.Bounded();
        var cut = Render(job);
        cut.Find(".job-cancel").Click();
        Assert.Equal(JobState.Cancelled, (await job.Completion.Bounded()).State);
        cut.Render(); // the page re-renders on the job's Changed event
        Assert.Equal("Cancelled", StateOf(cut));
        var text = cut.Find(".mud-alert").TextContent;
        Assert.Contains("Cancelled after", text);
        Assert.DoesNotContain(JobHandle.OwnerCancelled, text); // the owner knows why: no "Cancelled: Cancelled."
        Assert.Empty(cut.FindAll(".job-cancel"));
    }

    [Fact]
    public async Task A_cancellation_for_another_reason_says_the_reason()
    {
        using var queue = Queue();
        var gate = new Gate();
        var job = queue.Enqueue("a", "slow", (t, _) => gate.Work(t));
        await gate.Started.Bounded();
        queue.CancelJobsOf("a", "The connection to the page was lost.");
        await job.Completion.Bounded();
        Assert.Contains("The connection to the page was lost.", Render(job).Find(".mud-alert").TextContent);
    }

    [Fact]
    public async Task Failed_shows_the_jobs_message_and_no_cancel_button()
    {
        using var queue = Queue();
        var job = queue.Enqueue("a", "train", (_, _) => throw new InvalidOperationException("Training diverged: loss is NaN at epoch 1, batch 2. Lower the learning rate."));
        await job.Completion.Bounded();
        var cut = Render(job);
        Assert.Equal("Failed: Training diverged: loss is NaN at epoch 1, batch 2. Lower the learning rate.", cut.Find(".mud-alert").TextContent.Trim());
        Assert.Empty(cut.FindAll(".job-cancel"));
    }

    [Fact]
    public async Task Completed_says_so_and_no_job_shows_nothing()
    {
        using var queue = Queue();
        var done = queue.Enqueue("a", "quick", (_, _) => Task.CompletedTask);
        await done.Completion.Bounded();
        Assert.Contains("Done in", Render(done).Find(".mud-alert").TextContent);
        var none = Render(null);
        Assert.Equal("None", StateOf(none));
        Assert.Empty(none.Find(".job-status").Children);
    }
}
