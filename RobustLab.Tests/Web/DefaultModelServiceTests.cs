using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RobustLab.Engine.Data;
using RobustLab.Engine.Metrics;
using RobustLab.Engine.Serialization;
using RobustLab.Web.Services;

namespace RobustLab.Tests.Web;

// The start page's service on a tiny lab: the whole pipeline (model file → summary, IDX → test set,
// accuracy with progress) and its answers when something is missing. No download: DownloadMnist is off.
public sealed class DefaultModelServiceTests
{
    private static DefaultModelService Service(TinyLab lab) => new(
        new LabPaths(null, lab.ModelsDirectory, lab.DataDirectory),
        Options.Create(new LabOptions { DownloadMnist = false }),
        NullLogger<DefaultModelService>.Instance);

    [Fact]
    public async Task Loads_the_model_and_the_test_set_and_computes_the_engines_accuracy()
    {
        using var lab = new TinyLab();
        using var service = Service(lab);
        var phases = new List<AccuracyPhase>();
        service.Changed += () => phases.Add(service.State.Accuracy.Phase);
        await service.EnsureStarted();

        var state = service.State;
        var network = ModelFile.Load(service.ModelPath);
        var testSet = Mnist.Load(lab.DataDirectory, "test");
        int expected = (int)Math.Round(Evaluator.Accuracy(network, testSet) * testSet.Count);

        Assert.True(state.Model.IsReady && state.TestSet.IsReady, $"{state.Model} {state.TestSet}");
        Assert.Equal("lenet-like", state.Summary?.Architecture);
        Assert.Equal(network.ParameterCount, state.Summary?.ParameterCount);
        Assert.Equal(network.Layers.Count, state.Summary?.Layers.Count);
        Assert.Equal(["dataset", "seed"], state.Summary!.Training.Select(m => m.Key)); // metadata, minus architecture and format
        Assert.Equal(AccuracyPhase.Done, state.Accuracy.Phase);
        Assert.Equal(new AccuracyResult(expected, 300), state.Accuracy.Result);
        Assert.Contains(AccuracyPhase.Computing, phases); // progress was published on the way
        Assert.False(state.Busy);
    }

    [Fact]
    public async Task The_console_tells_each_step_of_getting_mnist()
    {
        // A first start is silent for a minute while MNIST is fetched unless the fetch's steps reach the log.
        var log = new ListLogger();
        var root = RobustLab.Tests.Cli.CliRunner.RepositoryRoot;
        using var service = new DefaultModelService(new LabPaths(null, Path.Combine(root, "models"), DataDirectory.Resolve(null)),
            Options.Create(new LabOptions { DownloadMnist = true }), log);
        await service.EnsureStarted();
        Assert.Contains(log.Messages, m => m.StartsWith("MNIST: ", StringComparison.Ordinal) && m.Contains("verified", StringComparison.Ordinal));
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger<DefaultModelService>
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Messages { get; } = new();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel level) => true;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel level, Microsoft.Extensions.Logging.EventId id, TState state, Exception? error,
            Func<TState, Exception?, string> formatter) => Messages.Enqueue(formatter(state, error));
    }

    [Fact]
    public async Task Evaluates_the_first_n_test_images_on_request()
    {
        using var lab = new TinyLab();
        using var service = Service(lab);
        var reports = new List<EvaluationProgress>();
        var result = await service.EvaluateFirstAsync(100, new SyncProgress(reports), CancellationToken.None);

        var expected = AccuracyEvaluator.Evaluate(ModelFile.Load(service.ModelPath), Mnist.Load(lab.DataDirectory, "test"), 100);
        Assert.Equal(expected, result);
        Assert.Equal(100, reports[^1].Evaluated);
    }

    [Fact]
    public async Task A_missing_model_becomes_a_state_with_a_fix_not_an_exception()
    {
        using var lab = new TinyLab(withModel: false);
        using var service = Service(lab);
        await service.EnsureStarted();

        var state = service.State;
        Assert.Equal(ResourceStatus.Missing, state.Model.Status);
        Assert.Equal("No model file at …/models/lenet-like.safetensors.", state.Model.Description); // not the server's absolute path
        Assert.DoesNotContain(lab.Root, state.Model.Fix);
        Assert.NotNull(state.Model.Fix);
        Assert.True(state.TestSet.IsReady);
        Assert.Equal(AccuracyPhase.Unavailable, state.Accuracy.Phase);
        Assert.False(state.CanEvaluate);
        await Assert.ThrowsAsync<InvalidOperationException>(() => service.EvaluateFirstAsync(10, null, CancellationToken.None));
    }

    [Fact]
    public async Task Missing_mnist_passes_on_how_to_get_it()
    {
        using var lab = new TinyLab(withData: false);
        using var service = Service(lab);
        await service.EnsureStarted();

        var state = service.State;
        Assert.True(state.Model.IsReady);
        Assert.Equal(ResourceStatus.Missing, state.TestSet.Status);
        Assert.Contains("robustlab data mnist", state.TestSet.Fix);
        Assert.Equal(AccuracyPhase.Unavailable, state.Accuracy.Phase);
    }

    [Fact]
    public async Task A_broken_model_file_is_reported_and_retry_picks_up_a_fixed_one()
    {
        using var lab = new TinyLab();
        var good = await File.ReadAllBytesAsync(Path.Combine(lab.ModelsDirectory, "lenet-like.safetensors"));
        await File.WriteAllTextAsync(Path.Combine(lab.ModelsDirectory, "lenet-like.safetensors"), "not a safetensors file");
        using var service = Service(lab);
        await service.EnsureStarted();
        Assert.Equal(ResourceStatus.Failed, service.State.Model.Status);

        await File.WriteAllBytesAsync(Path.Combine(lab.ModelsDirectory, "lenet-like.safetensors"), good);
        await service.Retry();
        Assert.True(service.State.Model.IsReady);
        Assert.Equal(AccuracyPhase.Done, service.State.Accuracy.Phase);
    }

    private sealed class SyncProgress(List<EvaluationProgress> reports) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) => reports.Add(value);
    }
}
