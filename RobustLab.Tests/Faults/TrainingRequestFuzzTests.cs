using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RobustLab.Tests.Web;
using RobustLab.Tests.Web.Jobs;
using RobustLab.Web.Services;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Training;

namespace RobustLab.Tests.Faults;

// Issue 5: 1,000 malformed Train-page forms (TrainingRequest, what the page submits; the browser is not trusted) → each
// refused by TrainingSession.Start with messages naming the settings, no job queued, while another user's training run
// on the same queue goes on and completes. Seeded.
public sealed class TrainingRequestFuzzTests : IDisposable
{
    private const int Count = 1000;
    private readonly TinyLab _lab = new(images: 40, trainImages: 96);
    private readonly JobQueue _queue = new(Options.Create(new JobQueueOptions { Concurrency = 1, MaxQueued = 4 }), NullLogger<JobQueue>.Instance);
    private readonly ModelRegistry _registry;
    private readonly TrainingData _data;

    public TrainingRequestFuzzTests()
    {
        var paths = new LabPaths(null, _lab.ModelsDirectory, _lab.DataDirectory, Path.Combine(_lab.Root, "registry"));
        _registry = new ModelRegistry(new ModelRegistrySettings(paths.RegistryDirectory, paths.ModelsDirectory, 1 << 20), NullLogger<ModelRegistry>.Instance);
        _data = new TrainingData(paths, Options.Create(new LabOptions { DownloadMnist = false }), NullLogger<TrainingData>.Instance);
    }

    public void Dispose()
    {
        _queue.Dispose();
        SqliteConnection.ClearAllPools();
        _lab.Dispose();
    }

    private TrainingSession Session() => new(new CircuitJobs(_queue), _registry, _data, NullLogger<TrainingSession>.Instance);

    // One to three settings broken, the rest valid; mode-specific settings are broken under their mode.
    private static TrainingRequest Malformed(Random rng)
    {
        var r = new TrainingRequest(Epochs: 1, TrainExamples: 96, TestExamples: 40);
        double BadUnit() => new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1e-9, -1, 1.5, 1e308 }[rng.Next(7)];
        int BadCount(int max) => new[] { 0, -1, int.MinValue, int.MaxValue, max + 1 }[rng.Next(5)];
        string Junk() => new[] { "", " ", "LENET-LIKE ", "../x", "adam; DROP TABLE models", new string('z', 5000), "\u0000" }[rng.Next(7)];
        int broken = rng.Next(1, 4);
        for (int b = 0; b < broken; b++)
        {
            r = rng.Next(16) switch
            {
                0 => r with { Mode = (TrainingMode)rng.Next(3, int.MaxValue) },
                1 => r with { Architecture = Junk() },
                2 => r with { Dataset = Junk() },
                3 => r with { Epochs = BadCount(TrainingRequest.MaxEpochs) },
                4 => r with { BatchSize = BadCount(TrainingRequest.MaxBatchSize) },
                5 => r with { LearningRate = new[] { double.NaN, 0, -0.1, 2, double.PositiveInfinity }[rng.Next(5)] },
                6 => r with { Optimizer = Junk() },
                7 => r with { Seed = rng.Next(int.MinValue, 0) },
                8 => r with { TrainExamples = BadCount(TrainingRequest.MaxExamples) },
                9 => r with { TestExamples = new[] { -1, int.MinValue, TrainingRequest.MaxExamples + 1 }[rng.Next(3)] },
                10 => r with { Mode = TrainingMode.Adversarial, Method = Junk() },
                11 => r with { Mode = TrainingMode.Adversarial, AdversarialFraction = BadUnit() },
                12 => r with { Mode = TrainingMode.Adversarial, Lambda = new[] { double.NaN, -1, 10.5, double.NegativeInfinity }[rng.Next(4)] },
                13 => r with { Mode = TrainingMode.Adversarial, FixedEpsilon = new[] { double.NaN, 0, -0.3, 1.01, double.PositiveInfinity }[rng.Next(5)] },
                14 => r with { Mode = TrainingMode.NoiseInjection, NoiseSigma = new[] { double.NaN, 0, -1, 2.5, double.PositiveInfinity }[rng.Next(5)] },
                _ => r with { StartFrom = Junk() },
            };
        }
        return r;
    }

    [Fact]
    public async Task A_thousand_malformed_training_forms_are_each_refused_and_another_users_run_completes()
    {
        using var other = Session();
        Assert.True(other.Start(new TrainingRequest(Epochs: 2, BatchSize: 8, TrainExamples: 96, TestExamples: 40, Seed: 2)));

        var rng = new Random(11);
        using var fuzzed = Session();
        for (int i = 0; i < Count; i++)
        {
            var request = Malformed(rng);
            Assert.False(fuzzed.Start(request), $"request {i} was accepted: {request}");
            Assert.NotEmpty(fuzzed.Errors);
            Assert.All(fuzzed.Errors, e => Assert.True(e.Length is > 10 and < 400, $"request {i}: '{e[..Math.Min(e.Length, 400)]}…'"));
            Assert.Null(fuzzed.Job);
        }
        Assert.True(_queue.RunningCount <= 1 && _queue.QueuedCount == 0); // at most the other user's run

        Assert.Equal(JobState.Completed, (await other.Job!.Completion.Bounded()).State);
        Assert.True(other.CanSave);
        Assert.True(fuzzed.Start(new TrainingRequest(Epochs: 1, BatchSize: 32, TrainExamples: 96, TestExamples: 40))); // a valid form still runs
        Assert.Equal(JobState.Completed, (await fuzzed.Job!.Completion.Bounded()).State);
    }
}
