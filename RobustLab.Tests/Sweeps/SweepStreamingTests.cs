using System.Text.Json;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Sweeps;

namespace RobustLab.Tests.Sweeps;

/// <summary>A sweep streams: points come one at a time in order, a consumer that stops costs nothing more, cancellation stops a point mid-way.</summary>
public sealed class SweepStreamingTests
{
    private static readonly double[] Epsilons = [0, 0.05, 0.1, 0.15, 0.2];

    [Fact]
    public async Task Points_come_in_order_and_a_consumer_that_stops_stops_the_sweep()
    {
        var progress = new SweepFixture.Recorder();
        var request = new SweepRequest(SweepFixture.Setup(16, "fgsm"), "eps", Epsilons);
        await foreach (var point in SweepRunner.RunAsync(request, progress))
        {
            Assert.Equal(0, point.Index);
            Assert.Equal(0.0, point.Value);
            break;
        }
        // Points are computed only when asked for: after the first one nothing more has run.
        Assert.All(progress.Reports, r => Assert.True(r.PointsDone <= 1 && r.Fraction <= 1.0 / Epsilons.Length + 1e-9, $"{r}"));
        Assert.Equal(1, progress.Reports[^1].PointsDone);

        var all = await SweepFixture.AllAsync(request);
        Assert.Equal([0, 1, 2, 3, 4], all.Select(p => p.Index));
        Assert.Equal(Epsilons, all.Select(p => p.Value!.Value));
    }

    [Fact]
    public async Task Cancelling_after_the_first_point_computes_no_other()
    {
        using var cancel = new CancellationTokenSource();
        var progress = new SweepFixture.Recorder();
        var request = new SweepRequest(SweepFixture.Setup(16, "fgsm"), "eps", Epsilons);
        var seen = new List<SweepPoint>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var point in SweepRunner.RunAsync(request, progress, cancel.Token))
            {
                seen.Add(point);
                cancel.Cancel();
            }
        });
        Assert.Single(seen);
        Assert.Equal(1, progress.Reports.Max(r => r.PointsDone));
    }

    [Fact]
    public async Task Cancellation_stops_a_point_mid_attack()
    {
        using var cancel = new CancellationTokenSource();
        // Cancel as soon as the first point's PGD run is a tenth done; PGD checks the token every iteration.
        var progress = new SweepFixture.Recorder(r => { if (r.Fraction > 0.1 / 3) cancel.Cancel(); });
        var settings = new AttackSettings(Epsilon: 0.1f, Steps: 200, StepSize: 0.01f);
        var request = new SweepRequest(SweepFixture.Setup(8, "pgd", settings), "eps", [0.1, 0.2, 0.3]);
        int points = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in SweepRunner.RunAsync(request, progress, cancel.Token)) points++;
        });
        Assert.Equal(0, points);
        Assert.True(progress.Reports.Max(r => r.Fraction) < 0.2 / 3, "the first point ran on after cancellation");
    }

    [Fact]
    public async Task An_iterations_sweep_streams_during_its_run_and_stops_when_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        using var consumerCancelled = new ManualResetEventSlim();
        // The run reports progress on its own thread; once the first point is out, hold it until the consumer has cancelled,
        // so the run provably had not finished when the point arrived and provably stops after the cancellation.
        var progress = new SweepFixture.Recorder(r => { if (r.PointsDone >= 1 && r.Fraction < 1) consumerCancelled.Wait(); });
        var settings = new AttackSettings(Epsilon: 0.1f, StepSize: 0.01f);
        var request = new SweepRequest(SweepFixture.Setup(8, "pgd", settings), "iterations", [1, 300]);
        var seen = new List<SweepPoint>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var point in SweepRunner.RunAsync(request, progress, cancel.Token))
            {
                seen.Add(point);
                cancel.Cancel();
                consumerCancelled.Set();
            }
        });
        Assert.Equal(1.0, Assert.Single(seen).Value);
        Assert.True(progress.Reports.Max(r => r.Fraction) < 0.1, "the run went on after cancellation");
    }

    [Fact]
    public async Task Progress_rises_to_one_and_counts_the_points()
    {
        var progress = new SweepFixture.Recorder();
        var request = new SweepRequest(SweepFixture.Setup(40, "pgd", new AttackSettings(Epsilon: 0.1f, Steps: 3), batchSize: 16), "kappa", [0, 0.5]);
        await SweepFixture.AllAsync(request, progress);
        var fractions = progress.Reports.Select(r => r.Fraction).ToList();
        Assert.True(fractions.Count > 2 * 3, "progress is reported within points, per batch and iteration");
        for (int i = 1; i < fractions.Count; i++) Assert.True(fractions[i] >= fractions[i - 1], $"progress went back at report {i}");
        Assert.Equal(1.0, fractions[^1], 9);
        Assert.Equal(2, progress.Reports[^1].PointsDone);
        Assert.All(progress.Reports, r => Assert.Equal(2, r.PointsTotal));
        Assert.NotNull(progress.Reports[^1].Remaining);
    }

    [Fact]
    public async Task Points_round_trip_through_System_Text_Json()
    {
        var points = await SweepFixture.AllAsync(new SweepRequest(SweepFixture.Setup(8, "fgsm"), "eps", [0.1], Series: "base"));
        string json = JsonSerializer.Serialize(points[0]);
        Assert.Equal(points[0], JsonSerializer.Deserialize<SweepPoint>(json));
        Assert.Contains("\"Series\":\"base\"", json);
    }

    [Theory]
    [InlineData("volume", new[] { 1.0 }, "Unknown knob")]
    [InlineData("iterations", new[] { 5.0, 2.0 }, "increase strictly")]
    [InlineData("iterations", new[] { 2.5 }, "whole numbers")]
    [InlineData("kappa", new[] { -1.0 }, "κ")]
    [InlineData("eps", new double[0], "at least one value")]
    public void Bad_requests_fail_before_any_work(string knob, double[] values, string message)
    {
        var e = Assert.ThrowsAny<Exception>(() => SweepRunner.RunAsync(new SweepRequest(SweepFixture.Setup(4, "pgd"), knob, values)));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_targeted_attack_needs_a_target()
    {
        var e = Assert.Throws<ArgumentException>(() => SweepRunner.RunAsync(new SweepRequest(SweepFixture.Setup(4, "fgsm-targeted"), "eps", [0.1])));
        Assert.Contains("target", e.Message);
    }
}
