using RobustLab.Engine.Catalog;
using RobustLab.Engine.Sweeps;
using Microsoft.Extensions.Logging.Abstractions;
using RobustLab.Tests.Web.Jobs;
using RobustLab.Tests.Web.Tradeoffs;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Tests.Faults;

// ConnectionLossHandler on the real Trade-offs services: the connection of a page with a sweep under way goes down →
// the job ends as Cancelled with the reason, through the normal job path (the points streamed so far stay), and the
// queue's slot is free at once; a page with no job is left alone. (End to end in Chromium: DisconnectMidSweepTests.)
public sealed class ConnectionLossTests(SweepLab lab) : IClassFixture<SweepLab>
{
    // Eight points of PGD-100 on 300 images: far from done when the connection drops after the first point (a fraction of a
    // second each alone; the first one still arrives within the time limit on a machine shared with other jobs).
    private static TradeoffsState SlowPgd() => new()
    {
        Model = "lenet-like", Knob = SweepKnobs.Epsilon, ValuesMode = ValuesMode.List, ValuesText = "0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4",
        Attack = "pgd", Steps = 100, Examples = 300, Measures = PlotMeasures.CleanAccuracy | PlotMeasures.AdversarialAccuracy,
    };

    [Fact]
    public async Task A_lost_connection_cancels_the_sweep_and_keeps_its_points()
    {
        var (session, circuit) = lab.Open();
        using var _ = circuit;
        var handler = new ConnectionLossHandler(circuit, NullLogger<ConnectionLossHandler>.Instance);
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Changed += () => { if (session.View().PointCount >= 1) first.TrySetResult(); };
        Assert.True(await session.StartAsync(SlowPgd()), string.Join(" ", session.Errors));
        await first.Task.Bounded();

        await handler.OnConnectionDownAsync(null!, CancellationToken.None); // the circuit itself is not read
        var status = await session.Job!.Completion.Bounded();

        Assert.Equal(JobState.Cancelled, status.State);
        Assert.Equal(ConnectionLossHandler.ConnectionLost, status.Message);
        Assert.InRange(session.View().PointCount, 1, 7); // what had streamed in stays on the plot
        Assert.True(session.Job.StopLatency <= TimeSpan.FromSeconds(1), $"stopped {session.Job.StopLatency} after the cancellation");
        Assert.Null(lab.Queue.ActiveJobOf(circuit.UserId));
    }

    [Fact]
    public async Task A_page_without_a_job_is_left_alone()
    {
        var (session, circuit) = lab.Open();
        using var _ = circuit;
        await new ConnectionLossHandler(circuit, NullLogger<ConnectionLossHandler>.Instance).OnConnectionDownAsync(null!, CancellationToken.None);
        Assert.Null(session.Job);
        Assert.True(await session.StartAsync(SlowPgd() with { Steps = 1, Examples = 16, ValuesText = "0.1" }), string.Join(" ", session.Errors));
        Assert.Equal(JobState.Completed, (await session.Job!.Completion.Bounded()).State);
    }
}
