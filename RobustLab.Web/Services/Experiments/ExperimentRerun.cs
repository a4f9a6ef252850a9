using Microsoft.Extensions.Options;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Limits;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Tradeoffs;
using RobustLab.Web.Services.Training;

namespace RobustLab.Web.Services.Experiments;

/// <summary>What a re-run would use: the stored experiment, whether it can run, and warnings (a model file changed since).</summary>
/// <param name="Problem">Why it cannot run (a model is gone), or null.</param>
public sealed record RerunPlan(Experiment Experiment, IReadOnlyList<string> Warnings, string? Problem)
{
    public bool CanRun => Problem is null;
}

/// <summary>How a re-run went: its new experiment, how its job ended, the warnings, and its points against the stored ones.</summary>
/// <param name="Comparison">Null when the re-run did not start (see <see cref="Errors"/>).</param>
public sealed record RerunOutcome(long StoredId, long? NewId, JobStatus? Status, IReadOnlyList<string> Warnings, IReadOnlyList<string> Errors,
    RerunComparison? Comparison);

/// <summary>
/// Runs a stored experiment again from its stored configuration and compares the new points with the stored ones. A sweep
/// or training run goes on the shared job queue as one of this user's jobs (so it is recorded as a new experiment like any
/// run); a Lab snapshot is one Lab computation (<see cref="LabSnapshotRerun"/>), saved as a new snapshot.
/// </summary>
/// <remarks>
/// Scoped (one per circuit): its job is cancelled with the circuit. Before running it checks each model's SHA-256 against the
/// one stored: a changed file is a warning (the numbers may then differ), a missing model stops the re-run.
/// </remarks>
public sealed class ExperimentRerun(CircuitJobs jobs, ModelRegistry registry, TrainingData data, ExperimentStore store, IOptions<LimitsOptions> limits,
    ILoggerFactory loggers, LabSnapshotRerun labSnapshots)
{
    /// <summary>The re-run's job while it runs (progress, cancel).</summary>
    public JobHandle? Job { get; private set; }

    /// <summary>Checks the stored experiment <paramref name="id"/> for a re-run.</summary>
    /// <exception cref="ExperimentException">There is no such experiment, or it cannot be read.</exception>
    public RerunPlan Prepare(long id)
    {
        var experiment = store.Get(id);
        var warnings = new List<string>();
        string? problem = null;
        foreach (var model in experiment.Models)
        {
            if (registry.Find(model.Name) is not { } now) problem ??= $"The model '{model.Name}' is no longer in the registry, so the experiment cannot be re-run.";
            else if (model.Sha256 is null) warnings.Add($"No file hash was stored for '{model.Name}'; the re-run uses today's file, which may differ.");
            else if (!string.Equals(model.Sha256, now.Sha256, StringComparison.OrdinalIgnoreCase))
                warnings.Add($"The file of '{model.Name}' has changed since the experiment ran (SHA-256 {model.Sha256[..12]}… then, {now.Sha256[..12]}… now): the numbers may differ.");
        }
        return new RerunPlan(experiment, warnings, problem);
    }

    /// <summary>Re-runs experiment <paramref name="id"/> and compares; waits for the run to end (watch <see cref="Job"/> meanwhile).</summary>
    /// <exception cref="ExperimentException">There is no such experiment, or it cannot be read.</exception>
    public async Task<RerunOutcome> RunAsync(long id, CancellationToken cancellationToken = default)
    {
        var plan = Prepare(id);
        var experiment = plan.Experiment;
        if (!plan.CanRun) return new RerunOutcome(id, null, null, plan.Warnings, [plan.Problem!], null);
        if (experiment.Kind == ExperimentKind.LabSnapshot)
        {
            Job = null; // one computation, not a queued job
            return await labSnapshots.RunAsync(experiment, plan.Warnings, cancellationToken);
        }
        if (experiment.Sweep is { } settings)
        {
            using var session = new SweepSession(jobs, registry, data, limits, loggers.CreateLogger<SweepSession>(), store);
            if (!await session.StartAsync(settings, cancellationToken: cancellationToken)) return new RerunOutcome(id, null, null, plan.Warnings, session.Errors, null);
            Job = session.Job;
            var status = await session.Job!.Completion.WaitAsync(cancellationToken);
            var points = session.View().Series.SelectMany(s => s.Points).ToArray();
            return new RerunOutcome(id, session.ExperimentId, status, plan.Warnings, [], RerunComparison.Of(experiment.SweepPoints, points));
        }
        var request = experiment.Training!;
        using var training = new TrainingSession(jobs, registry, data, loggers.CreateLogger<TrainingSession>(), store);
        if (!training.Start(request)) return new RerunOutcome(id, null, null, plan.Warnings, training.Errors, null);
        Job = training.Job;
        var trained = await training.Job!.Completion.WaitAsync(cancellationToken);
        var (curve, epochs) = training.Since(0, 0);
        return new RerunOutcome(id, training.ExperimentId, trained, plan.Warnings, [],
            RerunComparison.Of(experiment.EpochPoints, experiment.TrainingPoints, epochs, curve));
    }
}
