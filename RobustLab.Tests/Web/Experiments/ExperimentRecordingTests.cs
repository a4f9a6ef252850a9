using System.Collections.Concurrent;
using RobustLab.Tests.Web.Jobs;
using RobustLab.Web.Services.Experiments;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Training;

namespace RobustLab.Tests.Web.Experiments;

// Every sweep and training run is recorded as it runs: a running experiment with its full settings when the job starts,
// each point committed as it streams in, and how it ended. Real runs: lenet-like on a few MNIST images.
public sealed class ExperimentRecordingTests(ExperimentLab lab) : IClassFixture<ExperimentLab>
{
    [Fact]
    public async Task A_sweep_is_recorded_from_its_start_point_by_point()
    {
        var (session, circuit) = lab.OpenSweep();
        using var _ = circuit;
        using var __ = session;
        var stored = new ConcurrentQueue<(int Shown, int Stored, string Status)>();
        session.Changed += () =>
        {
            // Each point is in the database before the page hears of it.
            if (session.ExperimentId is { } id && session.View().PointCount is > 0 and var shown && session.Job?.Status.IsFinished == false)
            {
                var summary = lab.Store.Get(id).Summary;
                stored.Enqueue((shown, summary.PointCount, summary.Status));
            }
        };
        var settings = ExperimentLab.SmallSweep();
        Assert.True(await session.StartAsync(settings), string.Join(" ", session.Errors));
        Assert.Equal(JobState.Completed, (await session.Job!.Completion.Bounded()).State);

        long experimentId = Assert.IsType<long>(session.ExperimentId);
        var experiment = lab.Store.Get(experimentId);
        Assert.Equal(ExperimentStatus.Completed, experiment.Summary.Status);
        Assert.Equal(settings, experiment.Sweep);
        Assert.Equal(session.View().Series.SelectMany(s => s.Points), experiment.SweepPoints); // every point, value for value
        Assert.Equal(lab.Registry.Find("lenet-like")!.Sha256, Assert.Single(experiment.Models).Sha256);
        Assert.Contains("lenet-like", experiment.Summary.Description);
        Assert.NotEmpty(stored);
        Assert.All(stored, s => Assert.True(s.Stored >= s.Shown && s.Status == ExperimentStatus.Running, $"{s}"));
        Assert.Contains(stored, s => s.Shown == 1);
    }

    [Fact]
    public async Task A_cancelled_sweep_keeps_its_points_and_says_cancelled()
    {
        var (session, circuit) = lab.OpenSweep();
        using var _ = circuit;
        using var __ = session;
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Changed += () => { if (session.View().PointCount >= 1 && first.TrySetResult()) session.Cancel(); };
        // PGD points that take a while each, so that the cancel (as the first point arrives) lands mid-run; never timed.
        var slow = ExperimentLab.SmallSweep("0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4", examples: 400) with { Attack = "pgd", Steps = 50 };
        Assert.True(await session.StartAsync(slow), string.Join(" ", session.Errors));
        await first.Task.Bounded();
        Assert.Equal(JobState.Cancelled, (await session.Job!.Completion.Bounded()).State);

        var summary = lab.Store.Get(session.ExperimentId!.Value).Summary;
        Assert.Equal(ExperimentStatus.Cancelled, summary.Status);
        Assert.Equal(session.View().PointCount, summary.PointCount);
        Assert.InRange(summary.PointCount, 1, 7);
        Assert.NotNull(summary.Ended);
    }

    [Fact]
    public async Task A_training_run_is_recorded_with_its_curve_epochs_and_result()
    {
        var (session, circuit) = lab.OpenTraining();
        using var _ = circuit;
        using var __ = session;
        var request = new TrainingRequest(Epochs: 2, BatchSize: 32, TrainExamples: 128, TestExamples: 64, Seed: 3);
        Assert.True(session.Start(request), string.Join(" ", session.Errors));
        Assert.Equal(JobState.Completed, (await session.Job!.Completion.Bounded()).State);

        var experiment = lab.Store.Get(session.ExperimentId!.Value);
        var (curve, epochs) = session.Since(0, 0);
        Assert.Equal(ExperimentKind.Training, experiment.Kind);
        Assert.Equal(ExperimentStatus.Completed, experiment.Summary.Status);
        Assert.Equal(request, experiment.Training);
        Assert.Equal(curve, experiment.TrainingPoints);
        Assert.Equal(epochs, experiment.EpochPoints);
        Assert.Equal(2, experiment.EpochPoints.Count);
        Assert.Contains("on the first 64 test examples", experiment.TrainingResult!["test_accuracy"]);
        Assert.Equal("plain training", experiment.Summary.Defense);
        Assert.Equal((3, 128), (experiment.Summary.Seed!.Value, experiment.Summary.Examples!.Value));
        Assert.Equal(curve.Count + epochs.Count, lab.Store.ExportCsv(experiment.Id).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1);

        // Its export imports as the same experiment.
        string exported = lab.Store.ExportJson(experiment.Id);
        var imported = await lab.Store.ImportAsync(exported);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(ExperimentDocuments.Comparable(exported), ExperimentDocuments.Comparable(lab.Store.ExportJson(imported.Id))));

        // And a re-run from its stored request trains the same way: the same seed, the same curves.
        var rerun = lab.Rerun(circuit);
        var outcome = await rerun.RunAsync(experiment.Id).Bounded();
        Assert.Equal(JobState.Completed, outcome.Status!.State);
        Assert.True(outcome.Comparison!.Matches, outcome.Comparison.Summary);
        Assert.Equal(ExperimentKind.Training, lab.Store.Get(outcome.NewId!.Value).Kind);
    }

    [Fact]
    public async Task A_refused_start_records_nothing()
    {
        var (session, circuit) = lab.OpenSweep();
        using var _ = circuit;
        using var __ = session;
        int before = lab.Store.List().Count;
        Assert.False(await session.StartAsync(ExperimentLab.SmallSweep() with { Model = "no-such-model" }));
        Assert.Null(session.ExperimentId);
        Assert.Equal(before, lab.Store.List().Count);
    }
}
