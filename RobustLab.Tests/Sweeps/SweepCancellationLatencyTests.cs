using System.Diagnostics;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Models;
using RobustLab.Engine.Sweeps;
using RobustLab.Tests.Attacks;
using Xunit.Abstractions;

namespace RobustLab.Tests.Sweeps;

// Issue 5: a job stops within 1 s of its cancellation (a browser that disconnects mid-sweep). The heaviest pass the
// Trade-offs page allows is one attack iteration against randomized smoothing with n = 256 on a batch of 256 images:
// 65,536 rows through the larger MNIST net, seconds of work between the attack's own per-iteration checks. The sweep
// checks before every network pass (≤ 1024 rows), so it stops well within the bound; the bound is the requirement,
// asserted as it stands.
public sealed class SweepCancellationLatencyTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData("pgd", false)]     // iterative: checks every iteration, and every pass through the network within one
    [InlineData("fgsm", false)]    // one step: the sweep checks between batches and passes
    [InlineData("pgd", true)]      // a gray-box point: crafted on the source, then measured on the defended model
    public async Task A_smoothed_sweep_stops_within_a_second_of_cancellation(string attack, bool grayBox)
    {
        var trained = ModelSpec.From(ModelZoo.Create(ModelZoo.BorjiMnist, seed: 3), "borji-mnist");
        var model = trained with { Smoothing = new SmoothingSpec(0.25f, 256, SmoothingVote.Majority), Seed = 1 };
        var setup = new SweepSetup(model, TrainedModel.MnistTest(512), attack, new AttackSettings(Epsilon: 0.3f, Steps: 40, StepSize: 0.01f),
            Source: grayBox ? trained with { Smoothing = new SmoothingSpec(0.25f, 256, SmoothingVote.Majority), Seed = 2 } : null, Seed: 1);
        var request = new SweepRequest(setup, "sigma", [0.25, 0.5, 0.75]);
        using var cancel = new CancellationTokenSource();
        var progress = new SweepFixture.Recorder();
        int points = 0;
        var run = Task.Run(async () =>
        {
            await foreach (var _ in SweepRunner.RunAsync(request, progress, cancel.Token)) Interlocked.Increment(ref points);
        });

        // One point is minutes of work here; after 1.5 s the run is surely inside its first point's passes.
        await Task.Delay(1500);
        Assert.False(run.IsCompleted, $"the sweep ended before it was cancelled: {run.Exception?.GetBaseException().Message}");
        var clock = Stopwatch.StartNew();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var latency = clock.Elapsed;

        output.WriteLine($"{attack}{(grayBox ? " (gray-box)" : "")}: stopped {latency.TotalMilliseconds:0} ms after cancellation; " +
                         $"{progress.Reports.Count} progress reports before it.");
        Assert.Equal(0, points);
        Assert.True(latency <= Bound, $"The sweep stopped {latency.TotalMilliseconds:0} ms after cancellation; the bound is {Bound.TotalMilliseconds} ms.");
    }
}
