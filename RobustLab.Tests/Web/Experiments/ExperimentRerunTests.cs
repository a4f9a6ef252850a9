using RobustLab.Engine.Catalog;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using RobustLab.Tests.Web.Jobs;
using RobustLab.Web.Services.Experiments;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Lab;
using MnistTest = RobustLab.Tests.Attacks.TrainedModel;

namespace RobustLab.Tests.Web.Experiments;

// A stored sweep or Lab snapshot re-run from its stored settings: seeded, so every measurement matches exactly; a stored
// number that was changed shows as a mismatch with its difference, and a model file whose hash changed is a clear warning.
public sealed class ExperimentRerunTests(ExperimentLab lab) : IClassFixture<ExperimentLab>
{
    [Fact]
    public async Task A_seeded_sweep_re_runs_to_the_same_numbers_and_a_changed_one_is_reported()
    {
        var (session, circuit) = lab.OpenSweep();
        using var _ = circuit;
        using var __ = session;
        // PGD with a random start: the seed decides the numbers, so only a faithful re-run reproduces them.
        var settings = ExperimentLab.SmallSweep("0.1, 0.2, 0.3", examples: 24) with { Attack = "pgd", Steps = 5, RandomStart = true, Seed = 9 };
        Assert.True(await session.StartAsync(settings), string.Join(" ", session.Errors));
        Assert.Equal(JobState.Completed, (await session.Job!.Completion.Bounded()).State);
        long stored = session.ExperimentId!.Value;

        var rerun = lab.Rerun(circuit);
        var plan = rerun.Prepare(stored);
        Assert.True(plan.CanRun);
        Assert.Empty(plan.Warnings);
        var outcome = await rerun.RunAsync(stored).Bounded();
        Assert.Equal(JobState.Completed, outcome.Status!.State);
        Assert.NotEqual(stored, outcome.NewId);
        Assert.Equal(settings, lab.Store.Get(outcome.NewId!.Value).Sweep); // the re-run is itself recorded
        var comparison = outcome.Comparison!;
        Assert.True(comparison.Matches, comparison.Summary);
        Assert.Equal("All 3 points match exactly.", comparison.Summary);
        Assert.Equal(3 * 12, comparison.Measures.Count);

        // Tamper with the stored run: one accuracy and the model's recorded hash.
        Execute($"UPDATE experiment_points SET json = json_set(json, '$.adversarial_accuracy', 0.125) WHERE experiment_id = {stored} AND seq = 1;");
        Execute($"UPDATE experiments SET models_json = json_set(models_json, '$[0].sha256', '{new string('a', 64)}') WHERE id = {stored};");
        var again = await rerun.RunAsync(stored).Bounded();
        Assert.Contains(again.Warnings, w => w.Contains("'lenet-like' has changed since the experiment ran"));
        var mismatch = Assert.Single(again.Comparison!.Mismatches);
        Assert.Equal((1, "adversarial_accuracy", 0.125), (mismatch.Point, mismatch.Measure, mismatch.Stored!.Value));
        Assert.Equal(Math.Abs(0.125 - mismatch.Rerun!.Value), mismatch.Difference!.Value, 12);
        Assert.False(again.Comparison.Matches);
        Assert.StartsWith("1 of 36 measurements differ", again.Comparison.Summary);
    }

    [Fact]
    public void A_sweep_whose_model_is_gone_cannot_be_re_run()
    {
        using var circuit = new CircuitJobs(lab.Queue);
        var rerun = lab.Rerun(circuit);
        long id = lab.Record(ExperimentLab.SmallSweep() with { Model = "gone-model" }, 1);
        var plan = rerun.Prepare(id);
        Assert.False(plan.CanRun);
        Assert.Contains("'gone-model' is no longer in the registry", plan.Problem);
    }

    [Fact]
    public async Task A_lab_snapshot_re_runs_to_the_same_views_and_a_changed_probability_is_reported()
    {
        // Undefended and JumpReLU-defended side by side (two attacks in parallel), PGD with a seeded random start.
        var state = new LabState { Activation = "jumprelu", Kappa = 0.5, Compare = true, Seed = 7, Steps = 10, RandomStart = true };
        long stored = await SnapshotAsync(state, testIndex: 3);
        using var circuit = new CircuitJobs(lab.Queue);
        var rerun = lab.Rerun(circuit);
        Assert.True(rerun.Prepare(stored).CanRun);

        var outcome = await rerun.RunAsync(stored).Bounded();
        Assert.Equal(JobState.Completed, outcome.Status!.State);
        Assert.Empty(outcome.Errors);
        Assert.True(outcome.Warnings.Count == 0, string.Join("|", outcome.Warnings));
        var again = lab.Store.Get(outcome.NewId!.Value); // the re-run is itself a snapshot, with the same settings
        Assert.Equal(ExperimentKind.LabSnapshot, again.Summary.Kind);
        var (before, after) = (lab.Store.Get(stored).Lab!, again.Lab!);
        Assert.Equal(before with { Pixels = [], Knobs = null, AutoKnobs = null }, after with { Pixels = [], Knobs = null, AutoKnobs = null });
        Assert.Equal(before.Pixels, after.Pixels);
        Assert.Equal(before.Knobs!.OrderBy(k => k.Key), after.Knobs!.OrderBy(k => k.Key)); // the record compares these by reference
        Assert.Equal(before.AutoKnobs!.Order(), after.AutoKnobs!.Order());
        var comparison = outcome.Comparison!;
        Assert.True(comparison.Matches, comparison.Summary);
        Assert.Equal("All 2 points match exactly.", comparison.Summary);
        Assert.Equal(2 * (7 + 2 * LabState.Classes), comparison.Measures.Count);

        // A stored probability that was changed is found, with its class.
        Execute($"UPDATE experiment_points SET json = json_set(json, '$.adversarial_probabilities[4]', 0.5) WHERE experiment_id = {stored} AND seq = 1;");
        var changed = await rerun.RunAsync(stored).Bounded();
        var mismatch = Assert.Single(changed.Comparison!.Mismatches);
        Assert.Equal((1, "p_adversarial[4]"), (mismatch.Point, mismatch.Measure));
        Assert.StartsWith("Defended · ", mismatch.Label);
        Assert.Equal(0.5, mismatch.Stored!.Value, 6);
        Assert.StartsWith("1 of 54 measurements differ", changed.Comparison.Summary);
    }

    // Every source of randomness the Lab has, each drawn from the stored seed: smoothing's noise (over a batch split across
    // threads), the randomized JumpReLU's thresholds, a random target, EOT's samples, PGD's random start beside the
    // undefended model in parallel.
    [Theory]
    [InlineData("smoothing", 1, "fgsm L∞ vs smoothing σ=0.5 n=64")]
    [InlineData("rjumprelu-compare", 2, "pgd L∞ vs rjumprelu:1")]
    [InlineData("random-target-epgd", 1, "epgd L∞ vs jumprelu:0.5")]
    [InlineData("input-scaling-bpda", 2, "bpda-pgd L∞ vs jumprelu:1 (BPDA) + input scale 2")]
    public async Task A_randomized_lab_snapshot_re_runs_to_the_same_numbers(string setup, int attacks, string described)
    {
        var state = new LabState { Seed = 11 };
        switch (setup)
        {
            case "smoothing":
                (state.Smoothing, state.Sigma, state.Samples, state.Attack) = (true, 0.5, 64, "fgsm");
                break;
            case "rjumprelu-compare":
                (state.Activation, state.B, state.Compare, state.Steps, state.RandomStart) = ("rjumprelu", 1.0, true, 10, true);
                break;
            case "random-target-epgd":
                (state.Activation, state.Kappa, state.Attack) = ("jumprelu", 0.5, "epgd");
                (state.Steps, state.EotSamples, state.TargetMode) = (5, 4, TargetMode.Random);
                break;
            case "input-scaling-bpda":
                (state.InputScaling, state.Scale, state.Activation, state.Kappa, state.Bpda, state.Compare, state.Attack) =
                    (true, 2, "jumprelu", 1.0, true, true, "bpda-pgd");
                state.Steps = 10;
                break;
        }
        long stored = await SnapshotAsync(state, testIndex: 8);
        Assert.Contains(described, lab.Store.Get(stored).Summary.Description); // the setup took
        using var circuit = new CircuitJobs(lab.Queue);
        var outcome = await lab.Rerun(circuit).RunAsync(stored).Bounded();
        Assert.Empty(outcome.Errors);
        Assert.Empty(outcome.Warnings); // every stored setting was taken as it was
        Assert.Equal(attacks, outcome.Comparison!.StoredPoints);
        Assert.Equal(attacks * (7 + 2 * LabState.Classes), outcome.Comparison.Measures.Count);
        Assert.True(outcome.Comparison.Matches, outcome.Comparison.Summary);
        if (attacks == 1) Assert.Equal("The one point matches exactly.", outcome.Comparison.Summary);
    }

    private async Task<long> SnapshotAsync(LabState state, int testIndex)
    {
        var test = MnistTest.MnistTest(1, testIndex);
        state.SetImage(LabImage.Validated(test.Images.Data, test.Labels[0], ImageSource.Mnist, $"test #{testIndex}", testIndex));
        using var service = new LabService(lab.Lab, ExperimentLab.Limits, NullLogger<LabService>.Instance);
        var result = await service.ComputeAsync(state.ToRequest()!).Bounded();
        return lab.Store.SaveLabSnapshot(state, result).Id;
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={lab.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, command.ExecuteNonQuery());
    }
}
