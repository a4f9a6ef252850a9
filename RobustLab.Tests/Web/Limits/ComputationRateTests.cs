using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RobustLab.Engine.Data;
using RobustLab.Tests.Cli;
using RobustLab.Tests.Web.Jobs;
using RobustLab.Web.Services;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Limits;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Training;
using TrainedModel = RobustLab.Tests.Attacks.TrainedModel;

namespace RobustLab.Tests.Web.Limits;

// Events per second per circuit: a slider flood is coalesced, not queued. At most N computations start per second
// (N = RobustLab:Limits:ComputationsPerSecond): starts are at least 1/N apart, so over t seconds there are at most
// N·t + 1 of them, whatever arrives; and the newest value is always computed last.
public sealed class ComputationRateTests
{
    private const double Rate = 20;

    // A drag: `count` requests, one every millisecond or so (Task.Delay(1)), as fast as a flood from the browser gets.
    private static async Task<(List<Task<LatestOutcome<int>>> Outcomes, double Seconds)> FloodAsync(LatestWins<int, int> latest, int count)
    {
        var clock = Stopwatch.StartNew();
        var outcomes = new List<Task<LatestOutcome<int>>>();
        for (int i = 0; i < count; i++)
        {
            outcomes.Add(latest.SubmitAsync(i));
            if (i % 2 == 1) await Task.Delay(1);
        }
        await Task.WhenAll(outcomes).Bounded();
        return (outcomes, clock.Elapsed.TotalSeconds);
    }

    [Fact]
    public async Task A_burst_of_1000_events_starts_at_most_rate_times_seconds_computations_and_computes_the_last()
    {
        var computed = new ConcurrentQueue<int>();
        using var latest = new LatestWins<int, int>((r, _) =>
        {
            computed.Enqueue(r);
            return Task.FromResult(r);
        }, Rate);
        var (outcomes, seconds) = await FloodAsync(latest, 1000);

        // The bound is the requirement itself: starts ≥ 1/N apart within the t seconds measured around them.
        Assert.True(latest.Started <= Math.Floor(Rate * seconds) + 1, $"{latest.Started} computations in {seconds:0.000} s at {Rate}/s.");
        Assert.Equal(latest.Started, computed.Count);
        Assert.Equal(999, computed.Last());                                  // the final value is never lost
        Assert.Equal(LatestOutcome<int>.Of(999), await outcomes[^1]);
        Assert.True(outcomes.Count(o => !o.Result.IsLatest) >= 1000 - latest.Started); // the rest were coalesced away
    }

    [Fact]
    public async Task Without_the_limit_the_same_flood_starts_far_more_computations()
    {
        using var latest = new LatestWins<int, int>((r, _) => Task.FromResult(r));
        var (_, seconds) = await FloodAsync(latest, 1000);
        Assert.True(latest.Started > 2 * (Rate * seconds + 1), $"{latest.Started} computations in {seconds:0.000} s."); // the limit is what bounds them
    }

    [Fact]
    public async Task A_request_inside_the_window_waits_for_it_and_is_computed_unless_a_newer_one_replaces_it()
    {
        var computed = new ConcurrentQueue<int>();
        using var latest = new LatestWins<int, int>((r, _) =>
        {
            computed.Enqueue(r);
            return Task.FromResult(r);
        }, maxStartsPerSecond: 5); // windows of 200 ms
        Assert.Equal(LatestOutcome<int>.Of(1), await latest.SubmitAsync(1).Bounded());
        var waiting = latest.SubmitAsync(2);     // inside the window: waits, holding no core
        var newest = latest.SubmitAsync(3);      // replaces it while it waits
        Assert.False((await waiting.Bounded()).IsLatest);
        Assert.Equal(LatestOutcome<int>.Of(3), await newest.Bounded());
        Assert.Equal([1, 3], computed);
        Assert.Equal(TimeSpan.FromMilliseconds(200), latest.MinInterval);
    }

    [Fact]
    public async Task The_lab_coalesces_a_slider_flood_to_at_most_rate_times_seconds_computations_and_shows_the_last_value()
    {
        using var registry = new TempDirectory();
        string root = CliRunner.RepositoryRoot, models = Path.Combine(root, "models");
        var options = Options.Create(new LabOptions());
        var paths = LabPaths.Resolve(new LabOptions { ModelsDirectory = models, DataDirectory = DataDirectory.Resolve(null), RegistryDirectory = registry.Root }, root);
        var resources = new LabResources(new ModelRegistry(new ModelRegistrySettings(registry.Root, models, 1 << 26), NullLogger<ModelRegistry>.Instance),
            new TrainingData(paths, options, NullLogger<TrainingData>.Instance), options);
        using var service = new LabService(resources, Options.Create(new LimitsOptions { ComputationsPerSecond = Rate }), NullLogger<LabService>.Instance);
        var results = new ConcurrentQueue<LabResult>();
        service.Completed += results.Enqueue;
        service.Failed += (_, message) => throw new InvalidOperationException(message);

        var test = TrainedModel.MnistTest(1);
        var state = new LabState { Attack = "fgsm" };
        state.SetImage(LabImage.Validated(test.Images.Data, test.Labels[0], ImageSource.Mnist, "test #0", 0));
        var clock = Stopwatch.StartNew();
        LabRequest last = null!;
        for (int i = 1; i <= 1000; i++) // ε dragged from 0.001 to 0.3 and back, 1,000 input events
        {
            state.Epsilon = Math.Round(0.3 * Math.Abs(Math.Sin(i / 100.0)) + 0.001, 3);
            last = state.ToRequest()!;
            service.Post(last);
            if (i % 2 == 0) await Task.Delay(1);
        }
        await service.Idle.WaitAsync(TimeSpan.FromSeconds(60));
        double seconds = clock.Elapsed.TotalSeconds;

        Assert.True(service.Computations <= Math.Floor(Rate * seconds) + 1, $"{service.Computations} computations in {seconds:0.000} s at {Rate}/s.");
        Assert.True(service.Superseded >= 1000 - service.Computations, $"{service.Superseded} of 1000 superseded.");
        var shown = results.Last();
        Assert.Equal(last.Version, shown.Request.Version);   // the final value is the one shown
        Assert.Equal(state.Epsilon, shown.Request.Settings.Epsilon, 5);
    }
}
