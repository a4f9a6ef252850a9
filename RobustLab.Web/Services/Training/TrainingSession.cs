using System.Globalization;
using RobustLab.Engine.Models;
using RobustLab.Web.Services.Experiments;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Registry;

namespace RobustLab.Web.Services.Training;

/// <summary>
/// One user's training: validates a request, runs it on the shared job queue, collects the live curves, and
/// saves the trained network to the registry. The Train page binds to it.
/// </summary>
/// <remarks>
/// Scoped (one per circuit), so a run and its curves survive navigating away from the page and back; the
/// run is cancelled with the circuit (<see cref="CircuitJobs"/>). <see cref="Changed"/> is raised on
/// background threads. Every run is recorded as an experiment in <paramref name="experiments"/> (when given) from the moment its job starts.
/// </remarks>
public sealed class TrainingSession(CircuitJobs jobs, ModelRegistry registry, TrainingData data, ILogger<TrainingSession> logger,
    ExperimentStore? experiments = null) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<TrainingPoint> _points = [];
    private readonly List<EpochPoint> _epochs = [];
    private (Network Network, Dictionary<string, string> Metadata)? _result;
    private (double Accuracy, int Examples)? _finalTest;

    /// <summary>The request of the current or last run.</summary>
    public TrainingRequest? Request { get; private set; }

    /// <summary>The current or last run's job (its status, position, progress and ETA).</summary>
    public JobHandle? Job { get; private set; }

    /// <summary>The experiment that records the current or last run (null until its job starts, or when it is not recorded).</summary>
    public long? ExperimentId { get; private set; }

    /// <summary>Why the last <see cref="Start"/> was refused (invalid settings, or the queue said no).</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>Counts runs started; a page that sees it change starts its plot afresh.</summary>
    public int Run { get; private set; }

    /// <summary>The model this run was saved as, if it was.</summary>
    public RegisteredModel? Saved { get; private set; }

    /// <summary>True when a run completed and its network can be saved.</summary>
    public bool CanSave
    {
        get { lock (_lock) return _result is not null; }
    }

    /// <summary>The completed run's test accuracy after its last epoch, and on how many test images; null before, or without test images.</summary>
    public (double Accuracy, int Examples)? FinalTest
    {
        get { lock (_lock) return _finalTest; }
    }

    /// <summary>True while the run is queued or running.</summary>
    public bool Busy => Job is { Status.IsFinished: false };

    /// <summary>Raised after anything above, or the curves, changed.</summary>
    public event Action? Changed;

    /// <summary>Validates <paramref name="request"/> and queues it; false (with <see cref="Errors"/>) when refused.</summary>
    public bool Start(TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var startFrom = request.StartFrom is null ? null : registry.Find(request.StartFrom);
        var errors = request.Validate(startFrom?.Architecture);
        if (errors.Count == 0 && Busy) errors = ["A run is already under way; cancel it first."];
        if (errors.Count > 0)
        {
            Errors = errors;
            Changed?.Invoke();
            return false;
        }
        lock (_lock)
        {
            _points.Clear();
            _epochs.Clear();
            (_result, _finalTest) = (null, null);
        }
        var architecture = startFrom?.Architecture ?? request.Architecture;
        JobHandle job;
        // NOTE: cleared before the job can start (it may start at once, on another thread, and set its own id).
        var previousExperiment = ExperimentId;
        ExperimentId = null;
        try
        {
            job = jobs.Enqueue($"Train {architecture}", (token, progress) => RecordAsync(request, startFrom?.Name, architecture, progress, token));
        }
        catch (JobRejectedException e)
        {
            ExperimentId = previousExperiment;
            Errors = [e.Message];
            Changed?.Invoke();
            return false;
        }
        if (Job is { } previous) previous.Changed -= OnJobChanged;
        (Request, Job, Errors, Saved) = (request, job, [], null);
        Run++;
        job.Changed += OnJobChanged;
        Changed?.Invoke();
        return true;
    }

    /// <summary>Cancels the run, if one is queued or running.</summary>
    public void Cancel() => Job?.Cancel();

    /// <summary>Curve points from index <paramref name="points"/> and epoch points from index <paramref name="epochs"/> on.</summary>
    public (IReadOnlyList<TrainingPoint> Points, IReadOnlyList<EpochPoint> Epochs) Since(int points, int epochs)
    {
        lock (_lock) return (_points.Skip(points).ToArray(), _epochs.Skip(epochs).ToArray());
    }

    /// <summary>A name for the trained model: architecture, mode and seed.</summary>
    public string SuggestedName => Request is { } r
        ? $"{(r.StartFrom ?? r.Architecture)}-{r.Mode.ToString().ToLowerInvariant()}-s{r.Seed}"
        : "my-model";

    /// <summary>Saves the completed run's network to the registry.</summary>
    /// <param name="replace">Save it as the new version of the registered model of that name (atomically; built-in models are never replaced).</param>
    /// <exception cref="RegistryException">The name is invalid or taken (the message says which).</exception>
    /// <exception cref="InvalidOperationException">No run has completed.</exception>
    public RegisteredModel Save(string name, bool replace = false)
    {
        (Network Network, Dictionary<string, string> Metadata) result;
        lock (_lock) result = _result ?? throw new InvalidOperationException("There is no trained model to save; train one first.");
        var saved = registry.Register(name, result.Network, result.Metadata, replace);
        Saved = saved;
        Changed?.Invoke();
        return saved;
    }

    // The job, recorded: an experiment (status running) as it starts, each curve and epoch point as it comes, how it ended.
    private async Task RecordAsync(TrainingRequest request, string? startFrom, string architecture, IProgress<JobProgress> progress, CancellationToken token)
    {
        ExperimentRun? recording = null;
        try
        {
            recording = experiments?.BeginTraining(request);
        }
        catch (ExperimentException e)
        {
            logger.LogWarning(e, "The training runs without being recorded as an experiment.");
        }
        if (recording is not null)
        {
            ExperimentId = recording.Id;
            Changed?.Invoke();
        }
        Dictionary<string, string> metadata;
        try
        {
            metadata = await TrainAsync(request, startFrom, architecture, progress, recording, token);
        }
        catch (Exception e)
        {
            recording?.Finish(e);
            throw;
        }
        recording?.Finish(result: metadata);
    }

    private async Task<Dictionary<string, string>> TrainAsync(TrainingRequest request, string? startFrom, string architecture, IProgress<JobProgress> progress,
        ExperimentRun? recording, CancellationToken token)
    {
        progress.Report(new JobProgress(0, $"Loading {request.Dataset}…"));
        // A subset copies its examples; the whole set is shared as it is (it is never modified).
        var train = await data.GetAsync(request.Dataset, "train", token);
        if (request.TrainExamples < train.Count) train = train.Subset(0, request.TrainExamples);
        var test = request.TestExamples == 0 ? null : await data.GetAsync(request.Dataset, "test", token);
        if (test is not null && request.TestExamples < test.Count) test = test.Subset(0, request.TestExamples);
        var network = startFrom is null ? ModelZoo.Create(architecture, request.Seed) : registry.Load(startFrom).Instantiate();
        logger.LogInformation("Training {Architecture} ({Mode}) on {Count} examples of {Dataset}.", architecture, request.Mode, train.Count, request.Dataset);
        // Minutes of computing: on a thread of its own, so the thread pool stays free for every circuit's messages.
        var results = await Task.Factory.StartNew(() => TrainingRunner.Run(request, network, train, test,
                point => Add(() => _points.Add(point), () => recording?.Add(ExperimentSeries.TrainingCurve, point)),
                epoch => Add(() => _epochs.Add(epoch), () => recording?.Add(ExperimentSeries.Epoch, epoch)),
                progress, token),
            token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var metadata = request.Metadata();
        metadata["train_examples"] = train.Count.ToString(CultureInfo.InvariantCulture);
        (double, int)? finalTest = results[^1].TestAccuracy is float accuracy ? (accuracy, test!.Count) : null;
        if (finalTest is not null)
            metadata["test_accuracy"] = $"{results[^1].TestAccuracy!.Value.ToString("0.####", CultureInfo.InvariantCulture)} on the first {test!.Count} test examples";
        lock (_lock) (_result, _finalTest) = ((network, metadata), finalTest);
        return metadata;
    }

    private void Add(Action add, Action record)
    {
        lock (_lock) add();
        record();
        Changed?.Invoke();
    }

    private void OnJobChanged(JobHandle job) => Changed?.Invoke();

    public void Dispose()
    {
        if (Job is { } job) job.Changed -= OnJobChanged;
    }
}
