using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RobustLab.Engine.Serialization;
using RobustLab.Tests.Web.Jobs;
using RobustLab.Web.Services;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Training;

namespace RobustLab.Tests.Web.Training;

// One user's training session on a tiny lab (random MNIST-format splits, an untrained built-in), through the
// real queue and registry: validate, run, stream, save; refuse bad settings and a second run; report failures.
public sealed class TrainingSessionTests : IDisposable
{
    private readonly TinyLab _lab = new(images: 40, trainImages: 96);
    private readonly JobQueue _queue = new(Options.Create(new JobQueueOptions { Concurrency = 1 }), NullLogger<JobQueue>.Instance);
    private readonly ModelRegistry _registry;
    private readonly TrainingSession _session;

    public TrainingSessionTests()
    {
        var paths = new LabPaths(null, _lab.ModelsDirectory, _lab.DataDirectory, Path.Combine(_lab.Root, "registry"));
        _registry = new ModelRegistry(new ModelRegistrySettings(paths.RegistryDirectory, paths.ModelsDirectory, 1 << 20), NullLogger<ModelRegistry>.Instance);
        var data = new TrainingData(paths, Options.Create(new LabOptions { DownloadMnist = false }), NullLogger<TrainingData>.Instance);
        _session = new TrainingSession(new CircuitJobs(_queue), _registry, data, NullLogger<TrainingSession>.Instance);
    }

    public void Dispose()
    {
        _session.Dispose();
        _queue.Dispose();
        SqliteConnection.ClearAllPools();
        _lab.Dispose();
    }

    [Fact]
    public async Task Runs_a_valid_request_streams_its_curves_and_saves_the_model()
    {
        int changes = 0;
        _session.Changed += () => Interlocked.Increment(ref changes);
        Assert.True(_session.Start(new TrainingRequest(Epochs: 2, BatchSize: 32, TrainExamples: 1000, TestExamples: 1000, Seed: 3)));
        Assert.Equal(1, _session.Run);
        var status = await _session.Job!.Completion.Bounded();
        Assert.Equal(JobState.Completed, status.State);

        var (points, epochs) = _session.Since(0, 0);
        Assert.Equal(6, points.Count); // 96 examples (all there are) in 3 batches, 2 epochs
        Assert.Equal(2, epochs.Count);
        Assert.Equal((4, 1), (_session.Since(2, 1).Points.Count, _session.Since(2, 1).Epochs.Count));
        Assert.True(changes > 8);
        Assert.True(_session.CanSave);

        Assert.Equal("lenet-like-plain-s3", _session.SuggestedName);
        var saved = _session.Save("tiny-trained");
        Assert.Same(saved, _session.Saved);
        var metadata = ModelFile.ReadMetadata(saved.FilePath);
        Assert.Equal("96", metadata["train_examples"]); // what was there, not what was asked for
        Assert.Contains("on the first 40 test examples", metadata["test_accuracy"]);
        Assert.Equal(40, _session.FinalTest!.Value.Examples); // what the Train page shows as the final test accuracy
        Assert.Equal(epochs[^1].TestAccuracy!.Value, _session.FinalTest.Value.Accuracy, 6);
        Assert.Equal("plain", metadata["training"]);
        Assert.Contains("already registered", Assert.Throws<RegistryException>(() => _session.Save("tiny-trained")).Message);
    }

    [Fact]
    public async Task Fine_tunes_a_registry_model_with_noise_injection()
    {
        Assert.True(_session.Start(new TrainingRequest(Mode: TrainingMode.NoiseInjection, StartFrom: "lenet-like", Epochs: 1, BatchSize: 48, TestExamples: 0)));
        Assert.Equal(JobState.Completed, (await _session.Job!.Completion.Bounded()).State);
        Assert.Equal("lenet-like-noiseinjection-s1", _session.SuggestedName);
        Assert.Equal("lenet-like", ModelFile.ReadMetadata(_session.Save("noisy").FilePath)["fine_tuned_from"]);
    }

    [Fact]
    public void Invalid_settings_are_refused_with_every_reason_and_nothing_is_queued()
    {
        Assert.False(_session.Start(new TrainingRequest(Epochs: 0, StartFrom: "missing")));
        Assert.Equal(2, _session.Errors.Count);
        Assert.Null(_session.Job);
        Assert.Equal(0, _queue.QueuedCount + _queue.RunningCount);
        Assert.Throws<InvalidOperationException>(() => _session.Save("nothing"));
    }

    [Fact]
    public async Task A_second_run_waits_for_the_first_and_a_cancelled_run_has_nothing_to_save()
    {
        Assert.True(_session.Start(new TrainingRequest(Epochs: 100, BatchSize: 1, TestExamples: 0)));
        Assert.False(_session.Start(new TrainingRequest()));
        Assert.Equal(["A run is already under way; cancel it first."], _session.Errors);
        _session.Cancel();
        Assert.Equal(JobState.Cancelled, (await _session.Job!.Completion.Bounded()).State);
        Assert.False(_session.CanSave);
        Assert.True(_session.Start(new TrainingRequest(TrainExamples: 10, TestExamples: 0)));
        Assert.Equal(2, _session.Run);
        Assert.Equal(JobState.Completed, (await _session.Job!.Completion.Bounded()).State);
    }

    [Fact]
    public async Task Missing_data_fails_the_run_with_the_loaders_advice()
    {
        Assert.True(_session.Start(new TrainingRequest(Architecture: "borji-cifar-cnn1", Dataset: "cifar10")));
        var status = await _session.Job!.Completion.Bounded();
        Assert.Equal(JobState.Failed, status.State);
        Assert.Contains("CIFAR-10", status.Message);
        Assert.False(_session.CanSave);
    }
}
