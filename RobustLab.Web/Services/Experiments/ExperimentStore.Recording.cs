using System.Text.Json;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Tradeoffs;
using RobustLab.Web.Services.Training;

namespace RobustLab.Web.Services.Experiments;

// Recording: a sweep or training run becomes a "running" experiment when its job starts; a Lab snapshot is saved whole.
public sealed partial class ExperimentStore
{
    /// <summary>Records a Trade-offs sweep that starts now (status running, its full settings and the models' hashes).</summary>
    /// <param name="description">The plan's one-line description (the settings describe it when null).</param>
    /// <exception cref="ExperimentException">The database cannot be written.</exception>
    public ExperimentRun BeginSweep(TradeoffsState settings, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Begin(ExperimentKind.Sweep, ExperimentFacts.Of(settings, description), JsonSerializer.Serialize(settings, ExperimentJson.Options));
    }

    /// <summary>Records a training run that starts now.</summary>
    /// <exception cref="ExperimentException">The database cannot be written.</exception>
    public ExperimentRun BeginTraining(TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Begin(ExperimentKind.Training, ExperimentFacts.Of(request), JsonSerializer.Serialize(request, ExperimentJson.Options));
    }

    /// <summary>Saves what the Lab shows now: its settings and image (<paramref name="state"/>), and <paramref name="result"/> — the
    /// rendered views, predictions, probabilities and perturbation norms — so the snapshot opens exactly as it was.</summary>
    /// <param name="name">An optional name.</param>
    /// <exception cref="ExperimentException">There is no image yet, the name is too long, or the database cannot be written.</exception>
    public ExperimentSummary SaveLabSnapshot(LabState state, LabResult result, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(result);
        var image = state.Image ?? result.Request.Image;
        name = (name ?? "").Trim();
        if (name.Length > MaxNameLength) throw new ExperimentException($"A name is at most {MaxNameLength} characters; this one has {name.Length}.");
        var settings = LabSnapshotSettings.From(state, image);
        var facts = ExperimentFacts.Of(settings);
        var now = DateTimeOffset.UtcNow;
        var ran = now - TimeSpan.FromMilliseconds(Math.Max(0, result.Timing.TotalMilliseconds));
        var record = new ExperimentRecord(ExperimentKind.LabSnapshot, name, "", ExperimentStatus.Completed, null, now, ran, now,
            ModelsOf(facts.Models), facts.Attack, facts.Defense, facts.Knob, facts.Seed, facts.Examples, facts.Description, SoftwareVersion.Current, null,
            JsonSerializer.Serialize(settings, ExperimentJson.Options), JsonSerializer.Serialize(LabSnapshotResult.From(result), ExperimentJson.Options));
        var points = result.Attacks.Select(a => (ExperimentSeries.LabAttack, JsonSerializer.Serialize(LabSnapshotPoint.From(a), ExperimentJson.Options)));
        long id = Guard(() => Database.Insert(record, points));
        _logger.LogInformation("Lab snapshot saved as experiment {Id}.", id);
        Changed?.Invoke();
        return Get(id).Summary;
    }

    internal void NotifyChanged() => RaiseChanged();

    private ExperimentRun Begin(string kind, ExperimentFacts facts, string configJson)
    {
        var now = DateTimeOffset.UtcNow;
        var record = new ExperimentRecord(kind, "", "", ExperimentStatus.Running, null, now, now, null, ModelsOf(facts.Models),
            facts.Attack, facts.Defense, facts.Knob, facts.Seed, facts.Examples, facts.Description, SoftwareVersion.Current, null, configJson, null);
        var database = Database;
        long id = Guard(() => database.Insert(record, []));
        _logger.LogInformation("Recording {Kind} as experiment {Id}.", kind, id);
        Changed?.Invoke();
        return new ExperimentRun(this, database, id, _logger);
    }

    // The models with the SHA-256 of their files now (null for a model the registry does not know or cannot read).
    private List<ExperimentModel> ModelsOf(IEnumerable<string> names) => [.. names.Select(name =>
    {
        try
        {
            return _registry.Find(name) is { } model ? new ExperimentModel(model.Name, model.Sha256) : new ExperimentModel(name, null);
        }
        catch (RegistryException e)
        {
            _logger.LogWarning(e, "The hash of model {Name} is not recorded.", name);
            return new ExperimentModel(name, null);
        }
    })];
}
