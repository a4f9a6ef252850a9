using RobustLab.Engine.Catalog;
using Microsoft.Extensions.Options;
using RobustLab.Engine.Data;
using RobustLab.Engine.Models;
using RobustLab.Engine.Sweeps;
using RobustLab.Web.Services.Experiments;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Limits;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Training;

namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>
/// One user's Trade-offs page: the settings on screen, and the runs that turn them into curves. A run validates the
/// settings, resolves the models and the test set, and consumes the engine's streamed sweeps (one per series) inside a
/// job of the shared queue, collecting each point as it comes; <see cref="View"/> is the plot's data at any moment.
/// </summary>
/// <remarks>
/// Scoped (one per circuit), so the settings, a run under way and its plot survive navigating away and back; the job is
/// cancelled with the circuit (<see cref="CircuitJobs"/>). <see cref="Changed"/> is raised on background threads.
/// Every run is recorded as an experiment in <paramref name="experiments"/> (when given) from the moment its job starts.
/// </remarks>
public sealed class SweepSession(CircuitJobs jobs, ModelRegistry registry, TrainingData data, IOptions<LimitsOptions> limits, ILogger<SweepSession> logger,
    ExperimentStore? experiments = null) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly PlotLimits _limits = limits.Value.Plot;
    private readonly List<(SweepSeries Series, List<SweepPoint> Points)> _series = [];
    private SweepPlan? _axes; // the first run on the plot sets the axes
    private string? _description;
    private int _structure, _runs, _currentRun;
    private bool _currentRunAdded;

    /// <summary>The plot limits in force (RobustLab:Limits): points per series, series per plot, points per run.</summary>
    public PlotLimits Limits => _limits;

    /// <summary>The settings on screen (the page binds to them).</summary>
    public TradeoffsState State { get; set; } = TradeoffsPresets.Default.CreateState();

    /// <summary>The preset the settings came from, until the user runs something else (the explanation panel shows it).</summary>
    public string? PresetId { get; set; } = TradeoffsPresets.Default.Id;

    /// <summary>The settings of the current or last run.</summary>
    public TradeoffsState? RunSettings { get; private set; }

    /// <summary>The current or last run's job (status, queue position, progress, ETA).</summary>
    public JobHandle? Job { get; private set; }

    /// <summary>The experiment that records the current or last run (null until its job starts, or when it is not recorded).</summary>
    public long? ExperimentId { get; private set; }

    /// <summary>Why the last start was refused.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>True while a run is queued or running.</summary>
    public bool Busy => Job is { Status.IsFinished: false };

    /// <summary>Raised after the job, the errors or the plot changed.</summary>
    public event Action? Changed;

    /// <summary>The plot's axes, series and points now.</summary>
    public PlotView View()
    {
        lock (_lock)
        {
            if (_axes is not { } axes) return PlotView.Empty with { Structure = _structure };
            return new PlotView(_structure, axes.Knob, axes.Norm, axes.Values, axes.SourceValues, _description,
                [.. _series.Select(s => s.Series with { Points = s.Points.ToArray() })]);
        }
    }

    /// <summary>Whether a run of <paramref name="settings"/> could be added to the plot as more series (same knob and ε norm, curves, room left).</summary>
    public bool CanAddSeries(TradeoffsState settings)
    {
        lock (_lock)
        {
            return _axes is { IsMatrix: false } axes && _series.Count > 0 && !settings.TransferMatrix && settings.Knob == axes.Knob
                && (settings.Knob != SweepKnobs.Epsilon || settings.Norm == axes.Norm) // an ε axis is in one norm
                && _series.Count + Math.Max(1, settings.SeriesValueList.Count()) <= _limits.SeriesPerPlot;
        }
    }

    /// <summary>Validates <paramref name="settings"/> and queues the run; false (with <see cref="Errors"/>) when refused.</summary>
    /// <param name="addSeries">Add the run's series to the plot instead of replacing it.</param>
    public async Task<bool> StartAsync(TradeoffsState settings, bool addSeries = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings = settings with { };
        if (Busy) return Refuse(["A run is under way: cancel it, or restart it with these settings."]);
        if (addSeries && !CanAddSeries(settings))
            return Refuse([$"Only a sweep over the plot's knob can be added as a series (and at most {_limits.SeriesPerPlot} series); press Run to start a new plot."]);
        var plan = await PlanAsync(settings, cancellationToken);
        return plan is not null && Launch(plan, settings, addSeries);
    }

    /// <summary>Stops the run under way and starts <paramref name="settings"/> in its place (its series replace the stopped run's).</summary>
    /// <remarks>Invalid settings leave the run under way alone.</remarks>
    public async Task<bool> RestartAsync(TradeoffsState settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings = settings with { };
        var plan = await PlanAsync(settings, cancellationToken);
        if (plan is null) return false;
        bool add = _currentRunAdded;
        if (Job is { } job && !job.Status.IsFinished)
        {
            job.Cancel();
            await job.Completion.WaitAsync(cancellationToken);
        }
        lock (_lock)
        {
            _series.RemoveAll(s => s.Series.Run == _currentRun);
            if (_series.Count == 0) (_axes, add) = (null, false);
            _structure++;
        }
        return Launch(plan, settings, add && CanAddSeries(settings));
    }

    /// <summary>Cancels the run, if one is queued or running (its points so far stay on the plot).</summary>
    public void Cancel() => Job?.Cancel();

    /// <summary>Removes every series (not while a run is under way).</summary>
    public void ClearPlot()
    {
        if (Busy) return;
        lock (_lock)
        {
            _series.Clear();
            (_axes, _description) = (null, null);
            _structure++;
        }
        Changed?.Invoke();
    }

    /// <summary>Every point on the plot as CSV (<see cref="SweepExport.ToCsv"/>).</summary>
    public string ExportCsv() => SweepExport.ToCsv(View().Series.SelectMany(s => s.Points));

    /// <summary>Every point on the plot as JSON (<see cref="SweepExport.ToJson"/>).</summary>
    public string ExportJson() => SweepExport.ToJson(View().Series.SelectMany(s => s.Points));

    /// <summary>A download name: "robustlab-sweep-kappa.csv".</summary>
    public string ExportName(string extension) => $"robustlab-sweep-{View().Knob ?? "empty"}.{extension}";

    private bool Refuse(IReadOnlyList<string> errors)
    {
        Errors = errors;
        Changed?.Invoke();
        return false;
    }

    private SweepPlan? Refused(IReadOnlyList<string> errors)
    {
        Refuse(errors);
        return null;
    }

    // Settings → plan: the form's checks, then the registry (models and their test set), then the engine's own checks.
    private async Task<SweepPlan?> PlanAsync(TradeoffsState settings, CancellationToken cancellationToken)
    {
        if (settings.Validate(_limits) is { Count: > 0 } errors) return Refused(errors);
        var models = new Dictionary<string, RegisteredModel>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in settings.ModelNames())
        {
            if (registry.Find(name) is not { } model) return Refused([$"There is no model called '{name}' in the registry."]);
            models[name] = model;
        }
        var datasets = models.Values.Select(m => (m.Name, Dataset: DatasetOf(m))).ToArray();
        if (datasets.Select(d => d.Dataset).Distinct().Count() > 1)
            return Refused([$"One plot measures one test set, but the models need {string.Join(" and ", datasets.Select(d => $"{d.Dataset} ({d.Name})"))}."]);
        Dataset test;
        try
        {
            test = await data.GetAsync(datasets[0].Dataset, "test", cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException)
        {
            return Refused([$"The {datasets[0].Dataset} test set is not available: {e.Message}"]);
        }
        var specs = new Dictionary<string, ModelSpec>(StringComparer.OrdinalIgnoreCase);
        ModelSpec Spec(string name) => specs.TryGetValue(name, out var spec)
            ? spec
            : specs[name] = registry.Load(models[name].Name).Spec(models[name].Name); // a TorchScript model: its libtorch spec
        try
        {
            return settings.ToPlan(Spec, test, _limits);
        }
        catch (Exception e) when (e is ArgumentException or RegistryException)
        {
            return Refused([e.Message]);
        }
    }

    // The data set a model was trained on (its file says so), else the one its input shape fits.
    private static string DatasetOf(RegisteredModel model) =>
        model.Metadata.TryGetValue("dataset", out var name) && DatasetCatalog.Names.Contains(name)
            ? name
            : DatasetCatalog.DefaultFor(model.InputShape ?? ModelZoo.Create(model.Architecture).InputShape);

    private bool Launch(SweepPlan plan, TradeoffsState settings, bool add)
    {
        int run;
        List<(SweepSeries Series, List<SweepPoint> Points)> added;
        lock (_lock)
        {
            run = ++_runs;
            if (!add)
            {
                _series.Clear();
                _axes = plan;
            }
            var names = _series.Select(s => s.Series.Name).ToHashSet(StringComparer.Ordinal);
            added = [.. plan.Requests.Select((r, i) => (new SweepSeries(Unique(r.SeriesLabel, names), _series.Count + i, plan.Measures, run, []), new List<SweepPoint>()))];
            _series.AddRange(added);
            _description = plan.Description;
            _structure++;
        }
        JobHandle job;
        // NOTE: cleared before the job can start (it may start at once, on another thread, and set its own id).
        var previousExperiment = ExperimentId;
        ExperimentId = null;
        try
        {
            job = jobs.Enqueue($"Sweep {plan.Knob}", (token, progress) => RecordAsync(settings, plan, added.Select(a => a.Points).ToArray(), progress, token));
        }
        catch (JobRejectedException e)
        {
            ExperimentId = previousExperiment;
            lock (_lock)
            {
                _series.RemoveAll(s => s.Series.Run == run);
                if (_series.Count == 0) _axes = null;
                _structure++;
            }
            return Refuse([e.Message]);
        }
        if (Job is { } previous) previous.Changed -= OnJobChanged;
        (Job, RunSettings, Errors, _currentRun, _currentRunAdded) = (job, settings, [], run, add);
        job.Changed += OnJobChanged;
        Changed?.Invoke();
        return true;
    }

    // The job, recorded: an experiment (status running) as it starts, each point as it comes, how it ended.
    private async Task RecordAsync(TradeoffsState settings, SweepPlan plan, IReadOnlyList<List<SweepPoint>> series, IProgress<JobProgress> progress, CancellationToken token)
    {
        ExperimentRun? recording = null;
        try
        {
            recording = experiments?.BeginSweep(settings, plan.Description);
        }
        catch (ExperimentException e)
        {
            logger.LogWarning(e, "The sweep runs without being recorded as an experiment.");
        }
        if (recording is not null)
        {
            ExperimentId = recording.Id;
            Changed?.Invoke();
        }
        try
        {
            await RunAsync(plan, series, progress, recording, token);
        }
        catch (Exception e)
        {
            recording?.Finish(e);
            throw;
        }
        recording?.Finish();
    }

    // The job: each series' sweep in turn, every point added as it streams in. Progress weighs series by their estimated work.
    private async Task RunAsync(SweepPlan plan, IReadOnlyList<List<SweepPoint>> series, IProgress<JobProgress> progress, ExperimentRun? recording, CancellationToken token)
    {
        var work = plan.Requests.Select(r => Math.Max(1, WorkEstimate.Of(r))).ToArray();
        double total = work.Sum(), before = 0;
        for (int i = 0; i < plan.Requests.Count; i++)
        {
            var request = plan.Requests[i];
            string where = plan.Requests.Count == 1 ? "" : $"Series {i + 1} of {plan.Requests.Count} ({request.SeriesLabel}): ";
            double offset = before;
            var relay = new Relay(p => progress.Report(new JobProgress((offset + p.Fraction * work[i]) / total, $"{where}{p.PointsDone} of {p.PointsTotal} points")));
            progress.Report(new JobProgress(offset / total, $"{where}starting…"));
            await foreach (var point in SweepRunner.RunAsync(request, relay, token).WithCancellation(token))
            {
                lock (_lock) series[i].Add(point);
                recording?.Add(ExperimentSeries.SweepPoint, point);
                Changed?.Invoke();
            }
            before += work[i];
        }
        logger.LogInformation("Sweep over {Knob} done: {Points} points in {Series} series.", plan.Knob, plan.PointCount, plan.Requests.Count);
    }

    private static string Unique(string name, HashSet<string> taken)
    {
        var unique = name;
        for (int k = 2; !taken.Add(unique); k++) unique = $"{name} ({k})";
        return unique;
    }

    private void OnJobChanged(JobHandle job) => Changed?.Invoke();

    public void Dispose()
    {
        if (Job is { } job) job.Changed -= OnJobChanged;
    }

    /// <summary>Reports on the sweep's own thread, in order (<see cref="Progress{T}"/> would post to the thread pool, unordered).</summary>
    private sealed class Relay(Action<SweepProgress> report) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) => report(value);
    }
}
