using System.Collections.Concurrent;
using RobustLab.Web.Services.Lab;

namespace RobustLab.Tests.Web.Lab;

public sealed class LatestWinsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_new_value_cancels_the_run_in_flight_and_skips_values_in_between()
    {
        var started = new ConcurrentQueue<int>();
        var completed = new ConcurrentQueue<int>();
        var firstRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var latest = new LatestWins<int>(async (value, token) =>
        {
            started.Enqueue(value);
            if (value == 1)
            {
                firstRunning.SetResult();
                await Task.Delay(Timeout, token); // "long work" that only cancellation ends
            }
            completed.Enqueue(value);
        }, e => throw e);

        latest.Post(1);
        await firstRunning.Task.WaitAsync(Timeout);
        latest.Post(2);
        latest.Post(3);
        latest.Post(4);
        await WaitIdle(latest);

        Assert.Equal([1, 4], started);
        Assert.Equal([4], completed);
        Assert.Equal(1, latest.Cancelled);
        Assert.Equal(2, latest.Skipped);
    }

    [Fact]
    public async Task Values_posted_after_the_loop_went_idle_still_run()
    {
        var completed = new ConcurrentQueue<int>();
        using var latest = new LatestWins<int>((value, _) => { completed.Enqueue(value); return Task.CompletedTask; }, e => throw e);
        for (int i = 0; i < 200; i++)
        {
            latest.Post(i);
            if (i % 7 == 0) await WaitIdle(latest);
        }
        await WaitIdle(latest);
        Assert.Equal(199, completed.Last());
    }

    [Fact]
    public async Task Failures_go_to_the_error_handler_and_later_values_still_run()
    {
        var errors = new ConcurrentQueue<Exception>();
        var completed = new ConcurrentQueue<int>();
        using var latest = new LatestWins<int>((value, _) =>
        {
            if (value == 1) throw new InvalidOperationException("boom");
            completed.Enqueue(value);
            return Task.CompletedTask;
        }, errors.Enqueue);
        latest.Post(1);
        await WaitIdle(latest);
        latest.Post(2);
        await WaitIdle(latest);
        Assert.Equal("boom", Assert.Single(errors).Message);
        Assert.Equal([2], completed);
    }

    [Fact]
    public async Task Dispose_cancels_the_run_and_refuses_new_values()
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var latest = new LatestWins<int>(async (_, token) => { running.SetResult(); await Task.Delay(Timeout, token); }, e => throw e);
        latest.Post(1);
        await running.Task.WaitAsync(Timeout);
        latest.Dispose();
        await latest.Idle.WaitAsync(Timeout);
        Assert.Equal(1, latest.Cancelled);
        Assert.Throws<ObjectDisposedException>(() => latest.Post(2));
    }

    // Idle is the loop of the moment; a post during the wait may start a new one, so wait until it stays idle.
    private static async Task WaitIdle<T>(LatestWins<T> latest)
    {
        Task idle;
        do
        {
            idle = latest.Idle;
            await idle.WaitAsync(Timeout);
        } while (idle != latest.Idle);
    }
}
