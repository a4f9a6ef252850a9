using RobustLab.Engine.Catalog;
using RobustLab.Engine.Sweeps;
using System.Collections.Concurrent;
using RobustLab.Tests.Web.Jobs;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Tests.Web.Tradeoffs;

// The runner behind the page: a real sweep on the default model streams its points one by one into the plot's data,
// reports progress, stops when cancelled, adds runs as series, restarts, and refuses what it should.
public sealed class SweepSessionTests(SweepLab lab) : IClassFixture<SweepLab>
{
    private static TradeoffsState Fgsm(string values = "0, 0.15, 0.3", int examples = 64) => new()
    {
        Model = "lenet-like", Knob = SweepKnobs.Epsilon, ValuesMode = ValuesMode.List, ValuesText = values, Attack = "fgsm", Examples = examples,
        Measures = PlotMeasures.CleanAccuracy | PlotMeasures.AdversarialAccuracy | PlotMeasures.RhoL2,
    };

    // PGD points that take a while each (so a test can act between them); never timed.
    // Eight points of PGD-100 on 1,000 images (seconds per point): every test that uses it cancels or restarts it long
    // before the end, and the engine is fast enough that a smaller run could finish first.
    // Eight points of PGD-10 on 200 images: the first point comes quickly even on a loaded machine, and the cancel
    // below is issued from inside the first point's event, so the sweep stops before its next network pass.
    private static TradeoffsState QuickPgd() => Fgsm("0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4", examples: 200) with { Attack = "pgd", Steps = 10 };

    private static TradeoffsState SlowPgd() => Fgsm("0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4", examples: 1000) with { Attack = "pgd", Steps = 100 };

    [Fact]
    public async Task A_real_sweep_streams_its_points_one_at_a_time_with_progress()
    {
        var (session, circuit) = lab.Open();
        using var _ = circuit;
        var seen = new ConcurrentQueue<(int Points, JobState? State, double? Fraction)>();
        session.Changed += () => seen.Enqueue((session.View().PointCount, session.Job?.Status.State, session.Job?.Progress?.Fraction));

        Assert.True(await session.StartAsync(Fgsm()), string.Join(" ", session.Errors));
        var status = await session.Job!.Completion.Bounded();
        Assert.Equal(JobState.Completed, status.State);

        var series = Assert.Single(session.View().Series);
        Assert.Equal([0, 0.15, 0.3], series.Points.Select(p => p.Value!.Value));
        Assert.Equal("lenet-like, relu · eps · fgsm L∞", series.Name);
        // Each point reached the listeners on its own, while the run was still going.
        Assert.All(new[] { 1, 2, 3 }, k => Assert.Contains(seen, s => s.Points == k));
        Assert.Contains(seen, s => s.Points == 1 && s.State == JobState.Running);
        Assert.Contains(seen, s => s.Fraction is > 0 and < 1);
        Assert.Equal(1.0, session.Job.Progress!.Fraction);
        Assert.Equal("3 of 3 points", session.Job.Progress.Message);

        // The measurements are the engine's: no attack at ε = 0, FGSM at 0.3 turns examples.
        var (none, strong) = (series.Points[0], series.Points[2]);
        Assert.Equal(64, none.Examples);
        Assert.Equal(none.CleanAccuracy, none.AdversarialAccuracy);
        Assert.True(strong.AdversarialAccuracy < strong.CleanAccuracy - 0.2f, $"{strong}");
        Assert.NotNull(strong.RhoL2);
        Assert.Equal(4, session.ExportCsv().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length); // header + 3 points
        Assert.Equal("robustlab-sweep-eps.csv", session.ExportName("csv"));
    }

    [Fact]
    public async Task Cancelling_stops_the_sweep_and_keeps_the_points_so_far()
    {
        var (session, circuit) = lab.Open();
        using var _ = circuit;
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Cancel as the first point arrives, not after a round trip through the thread pool: the engine is fast
        // enough that the remaining points could otherwise finish first.
        session.Changed += () => { if (session.View().PointCount >= 1 && first.TrySetResult()) session.Cancel(); };

        Assert.True(await session.StartAsync(QuickPgd()), string.Join(" ", session.Errors));
        await first.Task.Bounded();
        var status = await session.Job!.Completion.Bounded();

        Assert.Equal(JobState.Cancelled, status.State);
        int points = session.View().PointCount;
        Assert.InRange(points, 1, 7); // not all eight: the run stopped
        Assert.Equal(points, Assert.Single(session.View().Series).Points.Count);
        Assert.False(session.Busy);
        Assert.Null(lab.Queue.ActiveJobOf(circuit.UserId)); // the slot is free for the next run
    }

    [Fact]
    public async Task Closing_the_page_cancels_the_run()
    {
        var (session, circuit) = lab.Open();
        Assert.True(await session.StartAsync(SlowPgd()));
        circuit.Dispose(); // what the container does when the circuit goes away
        var status = await session.Job!.Completion.Bounded();
        Assert.Equal(JobState.Cancelled, status.State);
        Assert.Equal(CircuitJobs.CircuitClosed, status.Message);
    }

    [Fact]
    public async Task Invalid_settings_and_unknown_models_are_refused_without_a_job()
    {
        var (session, circuit) = lab.Open();
        using var _ = circuit;
        Assert.False(await session.StartAsync(Fgsm() with { Examples = 0, ValuesText = "0, x" }));
        Assert.Contains(session.Errors, e => e.Contains("Test images: 1 to 10,000, got 0"));
        Assert.Contains(session.Errors, e => e.Contains("'x' is not a number"));
        Assert.False(await session.StartAsync(Fgsm() with { Model = "no-such-model" }));
        Assert.Equal(["There is no model called 'no-such-model' in the registry."], session.Errors);
        Assert.Null(session.Job);
        Assert.Null(lab.Queue.ActiveJobOf(circuit.UserId));

        Assert.True(await session.StartAsync(Fgsm()));
        Assert.Empty(session.Errors);
        await session.Job!.Completion.Bounded();
    }

    [Fact]
    public async Task A_run_added_as_series_joins_the_plot_and_a_plain_run_replaces_it()
    {
        var (session, circuit) = lab.Open();
        using var _ = circuit;
        var small = Fgsm("0, 0.3", examples: 16);
        Assert.False(session.CanAddSeries(small)); // nothing to add to yet
        Assert.True(await session.StartAsync(small));
        await session.Job!.Completion.Bounded();
        Assert.True(session.CanAddSeries(small));
        Assert.False(session.CanAddSeries(small with { Knob = SweepKnobs.Kappa, ValuesText = "0, 1" })); // another x axis
        Assert.False(session.CanAddSeries(small with { Norm = RobustLab.Engine.Attacks.LpNorm.L2 })); // ε in another norm

        Assert.True(await session.StartAsync(small with { Attack = "step-ll" }, addSeries: true));
        await session.Job!.Completion.Bounded();
        Assert.True(await session.StartAsync(small, addSeries: true));
        await session.Job!.Completion.Bounded();
        var view = session.View();
        Assert.Equal(["lenet-like, relu · eps · fgsm L∞", "lenet-like, relu · eps · step-ll L∞", "lenet-like, relu · eps · fgsm L∞ (2)"], view.Series.Select(s => s.Name));
        Assert.Equal([0, 1, 2], view.Series.Select(s => s.Color));
        Assert.Equal([1, 2, 3], view.Series.Select(s => s.Run));
        Assert.All(view.Series, s => Assert.Equal(2, s.Points.Count));
        Assert.Equal(view.Series[0].Points, view.Series[2].Points.Select(p => p with { Series = view.Series[0].Name, Seconds = view.Series[0].Points[p.Index].Seconds }));

        Assert.False(await session.StartAsync(small with { Knob = SweepKnobs.Kappa, ValuesText = "0, 1" }, addSeries: true));
        Assert.Contains("Only a sweep over the plot's knob can be added", session.Errors[0]);
        Assert.True(await session.StartAsync(small));
        await session.Job!.Completion.Bounded();
        Assert.Single(session.View().Series);
        session.ClearPlot();
        Assert.Empty(session.View().Series);
    }

    [Fact]
    public async Task Restarting_cancels_the_run_under_way_and_replaces_its_series()
    {
        var (session, circuit) = lab.Open();
        using var _ = circuit;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Changed += () => { if (session.Job?.Progress?.Fraction > 0) started.TrySetResult(); };
        Assert.True(await session.StartAsync(SlowPgd()));
        var first = session.Job!;
        await started.Task.Bounded();

        Assert.False(await session.RestartAsync(Fgsm() with { Examples = -1 })); // invalid: the run goes on
        Assert.Same(first, session.Job);
        Assert.Equal(JobState.Running, first.Status.State);

        var next = Fgsm("0, 0.3", examples: 16);
        Assert.True(await session.RestartAsync(next));
        Assert.Equal(JobState.Cancelled, (await first.Completion.Bounded()).State);
        Assert.Equal(JobState.Completed, (await session.Job!.Completion.Bounded()).State);
        Assert.Equal(next, session.RunSettings);
        var series = Assert.Single(session.View().Series);
        Assert.Equal([0, 0.3], series.Points.Select(p => p.Value!.Value));
    }

    [Fact]
    public async Task Series_per_slope_show_the_gradient_masking_of_large_alpha_and_a_matrix_fills_its_cells()
    {
        var (session, circuit) = lab.Open();
        using var _ = circuit;
        var alphas = Fgsm("0, 0.3", examples: 32) with { Model = "borji-mnist", SeriesBy = SweepKnobs.Alpha, SeriesValuesText = "1, 100" };
        Assert.True(await session.StartAsync(alphas), string.Join(" ", session.Errors));
        await session.Job!.Completion.Bounded();
        var view = session.View();
        Assert.Equal(["α = 1", "α = 100"], view.Series.Select(s => s.Name));
        float? AtStrongest(int series) => view.Series[series].Points[1].AdversarialAccuracy;
        Assert.True(AtStrongest(1) > AtStrongest(0) + 0.3f, $"α = 1: {AtStrongest(0)}, α = 100: {AtStrongest(1)}"); // FGSM's gradient vanishes at α = 100

        var matrix = Fgsm(examples: 16) with { Knob = SweepKnobs.Kappa, ValuesText = "0, 1", TransferMatrix = true, SourceValuesText = "0, 1", Epsilon = 0.2 };
        Assert.True(await session.StartAsync(matrix), string.Join(" ", session.Errors));
        await session.Job!.Completion.Bounded();
        view = session.View();
        Assert.True(view.IsMatrix);
        Assert.Equal([0, 1], view.SourceValues!);
        Assert.Equal([(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)],
            Assert.Single(view.Series).Points.Select(p => (p.SourceValue!.Value, p.Value!.Value)));
        Assert.False(session.CanAddSeries(matrix)); // a heatmap takes no series
    }
}
