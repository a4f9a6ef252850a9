using RobustLab.Web.Services.Jobs;

namespace RobustLab.Tests.Web.Jobs;

// Latest-wins coalescing for live views: a new request cancels the one in flight, only the newest of a
// burst runs, never two at once, and the latest request's error reaches its caller.
public sealed class LatestWinsTests
{
    // Computes request → request * 10, but each request first waits at its gate (when it has one).
    private sealed class Recorder
    {
        private int _running;
        public readonly Dictionary<int, Gate> Gates = [];
        public readonly List<int> Started = [];
        public int MaxRunning;

        public async Task<int> Compute(int request, CancellationToken token)
        {
            lock (Started) Started.Add(request);
            int now = Interlocked.Increment(ref _running);
            MaxRunning = Math.Max(MaxRunning, now);
            try
            {
                if (Gates.TryGetValue(request, out var gate)) await gate.Work(token);
                return request * 10;
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }

    [Fact]
    public async Task A_lone_request_gets_its_result()
    {
        var recorder = new Recorder();
        using var latest = new LatestWins<int, int>(recorder.Compute);
        Assert.Equal(LatestOutcome<int>.Of(70), await latest.SubmitAsync(7).Bounded());
    }

    [Fact]
    public async Task A_new_request_cancels_the_one_in_flight()
    {
        var recorder = new Recorder();
        recorder.Gates[1] = new Gate();
        using var latest = new LatestWins<int, int>(recorder.Compute);
        var first = latest.SubmitAsync(1);
        await recorder.Gates[1].Started.Bounded();

        var second = await latest.SubmitAsync(2).Bounded();
        Assert.Equal(LatestOutcome<int>.Of(20), second);
        var outcome = await first.Bounded();
        Assert.False(outcome.IsLatest);
        Assert.Equal(LatestOutcome<int>.Superseded, outcome);
    }

    [Fact]
    public async Task Of_a_burst_only_the_newest_runs_and_never_two_at_once()
    {
        var recorder = new Recorder();
        recorder.Gates[1] = new Gate(honourCancellation: false); // a computation that takes a while to notice
        using var latest = new LatestWins<int, int>(recorder.Compute);
        var first = latest.SubmitAsync(1);
        await recorder.Gates[1].Started.Bounded();
        var burst = Enumerable.Range(2, 5).Select(r => latest.SubmitAsync(r)).ToArray(); // all wait for 1 to stop

        recorder.Gates[1].Open();
        var outcomes = await Task.WhenAll([first, .. burst]).Bounded();
        Assert.Equal([false, false, false, false, false, true], outcomes.Select(o => o.IsLatest));
        Assert.Equal(60, outcomes[^1].Value);
        Assert.Equal([1, 6], recorder.Started); // 2..5 never ran
        Assert.Equal(1, recorder.MaxRunning);
    }

    [Fact]
    public async Task The_latest_requests_error_reaches_its_caller_and_the_next_request_still_runs()
    {
        using var latest = new LatestWins<int, int>((r, _) => r < 0 ? throw new ArgumentOutOfRangeException(nameof(r), "ε must be ≥ 0.") : Task.FromResult(r));
        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => latest.SubmitAsync(-1)).Bounded();
        Assert.Contains("ε must be ≥ 0.", e.Message);
        Assert.Equal(LatestOutcome<int>.Of(3), await latest.SubmitAsync(3).Bounded());
    }

    [Fact]
    public async Task The_callers_token_and_dispose_cancel_quietly()
    {
        var recorder = new Recorder();
        recorder.Gates[1] = new Gate();
        var latest = new LatestWins<int, int>(recorder.Compute);
        using var cts = new CancellationTokenSource();
        var first = latest.SubmitAsync(1, cts.Token);
        await recorder.Gates[1].Started.Bounded();
        cts.Cancel();
        Assert.False((await first.Bounded()).IsLatest);

        recorder.Gates[2] = new Gate();
        var second = latest.SubmitAsync(2);
        await recorder.Gates[2].Started.Bounded();
        latest.Dispose();
        Assert.False((await second.Bounded()).IsLatest);
        Assert.False((await latest.SubmitAsync(3).Bounded()).IsLatest);
        Assert.DoesNotContain(3, recorder.Started);
    }
}
