using Microsoft.Extensions.Options;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Limits;

namespace RobustLab.Web.Services.Experiments;

/// <summary>
/// Computes a stored Lab snapshot again from its stored settings — the same image (its 784 pixels as stored), model,
/// defense, attack and seed — the way the Lab computes a slider move, saves the new view as a snapshot of its own, and
/// compares each attack's predictions, perturbation norms and probabilities with the stored ones.
/// </summary>
/// <remarks>
/// One computation, as long as one Lab update: it runs on its own <see cref="LabService"/> (not the circuit's, which may
/// still be finishing the Lab page's last request), not on the job queue.
/// </remarks>
public sealed class LabSnapshotRerun(LabResources resources, ExperimentStore store, IOptions<LimitsOptions> limits, ILoggerFactory loggers)
{
    /// <summary>Re-runs the snapshot <paramref name="experiment"/>; <paramref name="warnings"/> come from the plan (a changed model file).</summary>
    public async Task<RerunOutcome> RunAsync(Experiment experiment, IReadOnlyList<string> warnings, CancellationToken cancellationToken = default)
    {
        long id = experiment.Id;
        var settings = experiment.Lab ?? throw new ArgumentException("Not a Lab snapshot.", nameof(experiment));
        var state = new LabState();
        if (!settings.ApplyTo(state, resources.ModelNames()))
            return new RerunOutcome(id, null, null, warnings, [$"The model '{settings.Model}' is not one the Lab offers, so the snapshot cannot be computed again."], null);
        var rerunWarnings = warnings.ToList();
        if (Changed(settings, state) is { } clamped)
            rerunWarnings.Add($"Some stored settings are outside today's ranges and were clamped ({clamped}): the numbers may differ.");

        using var lab = new LabService(resources, limits, loggers.CreateLogger<LabService>());
        var result = await lab.ComputeAsync(state.ToRequest()!, cancellationToken: cancellationToken);
        var saved = store.SaveLabSnapshot(state, result, experiment.Summary.Name.Length > 0 ? $"{experiment.Summary.Name} (re-run)" : null);
        var comparison = RerunComparison.Of(experiment.LabPoints, [.. result.Attacks.Select(LabSnapshotPoint.From)]);
        return new RerunOutcome(id, saved.Id, JobStatus.Completed, rerunWarnings, [], comparison);
    }

    // The settings the state would not take as stored (LabState clamps to the knobs' ranges), named; null when all were taken.
    private static string? Changed(LabSnapshotSettings stored, LabState state)
    {
        var now = LabSnapshotSettings.From(state, state.Image!);
        var names = new List<string>();
        foreach (var p in typeof(LabSnapshotSettings).GetProperties())
        {
            if (p.Name == nameof(LabSnapshotSettings.Pixels)) continue; // compared below, element by element
            if (!Same(p.GetValue(stored), p.GetValue(now))) names.Add(p.Name);
        }
        if (!stored.Pixels.AsSpan().SequenceEqual(now.Pixels)) names.Add(nameof(LabSnapshotSettings.Pixels));
        return names.Count == 0 ? null : string.Join(", ", names);
    }

    // Values compare by value; the knob dictionary and the auto-knob list by their contents (a record's Equals compares references).
    private static bool Same(object? stored, object? now) => (stored, now) switch
    {
        (IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b) =>
            a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v.Equals(kv.Value)),
        (IReadOnlyList<string> a, IReadOnlyList<string> b) => a.Order(StringComparer.Ordinal).SequenceEqual(b.Order(StringComparer.Ordinal)),
        _ => Equals(stored, now),
    };
}
