using System.Text.Json;
using RobustLab.Engine.Sweeps;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Tradeoffs;
using RobustLab.Web.Services.Training;

namespace RobustLab.Web.Services.Experiments;

/// <summary>
/// One experiment with everything it stored: its list row, the models' file hashes, its configuration (one of
/// <see cref="Sweep"/>, <see cref="Training"/>, <see cref="Lab"/>, by <see cref="ExperimentSummary.Kind"/>), its result
/// and every point, all parsed and checked when it was read.
/// </summary>
/// <param name="TrainingResult">Training: the trained model's metadata (test accuracy …) once it completed.</param>
/// <param name="LabResult">Lab snapshots: the views as they were.</param>
public sealed record Experiment(
    ExperimentSummary Summary,
    IReadOnlyList<ExperimentModel> Models,
    TradeoffsState? Sweep,
    TrainingRequest? Training,
    LabSnapshotSettings? Lab,
    IReadOnlyDictionary<string, string>? TrainingResult,
    LabSnapshotResult? LabResult,
    IReadOnlyList<ExperimentPoint> Points)
{
    public long Id => Summary.Id;

    public string Kind => Summary.Kind;

    public IReadOnlyList<SweepPoint> SweepPoints => Read<SweepPoint>(ExperimentSeries.SweepPoint);

    public IReadOnlyList<TrainingPoint> TrainingPoints => Read<TrainingPoint>(ExperimentSeries.TrainingCurve);

    public IReadOnlyList<EpochPoint> EpochPoints => Read<EpochPoint>(ExperimentSeries.Epoch);

    public IReadOnlyList<LabSnapshotPoint> LabPoints => Read<LabSnapshotPoint>(ExperimentSeries.LabAttack);

    /// <summary>A sweep's plot as it was: the stored points grouped into their series, in the order they came.</summary>
    public PlotView? SweepView()
    {
        if (Sweep is not { } settings) return null;
        var points = SweepPoints;
        var names = points.Select(p => p.Series).Distinct(StringComparer.Ordinal).ToArray();
        var series = names.Select((name, i) => new SweepSeries(name, i, settings.Measures, 1,
            [.. points.Where(p => p.Series == name)])).ToArray();
        var sources = settings.TransferMatrix ? KnobValues.Parse(settings.SourceValuesText, TradeoffsLimits.MaxMatrixSide).Values : null;
        return new PlotView(1, settings.Knob, settings.Norm, settings.Values(), sources, Summary.Description, series);
    }

    /// <summary>A Lab snapshot's page as it was: sets <paramref name="state"/> to the stored settings and returns the stored result.</summary>
    /// <param name="models">The models the Lab offers; a snapshot of a model that is gone still shows its stored views.</param>
    public LabResult? RestoreLab(LabState state, IEnumerable<string> models)
    {
        if (Lab is not { } settings || LabResult is not { } result) return null;
        settings.ApplyTo(state, models);
        var request = state.ToRequest() ?? throw new InvalidOperationException("A snapshot always has an image.");
        return result.ToResult(request with { Model = settings.Model });
    }

    private IReadOnlyList<T> Read<T>(string series) =>
        [.. Points.Where(p => p.Series == series).Select(p => JsonSerializer.Deserialize<T>(p.Json, ExperimentJson.Options)!)];
}
