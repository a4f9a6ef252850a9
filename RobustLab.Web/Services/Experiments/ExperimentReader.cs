using System.Text.Json;
using RobustLab.Engine.Sweeps;
using RobustLab.Web.Services.Tradeoffs;
using RobustLab.Web.Services.Training;

namespace RobustLab.Web.Services.Experiments;

/// <summary>Turns a stored row into an <see cref="Experiment"/>, checking every JSON column; a damaged one is named in the message.</summary>
internal static class ExperimentReader
{
    public static Experiment Read(ExperimentDatabase.Row row)
    {
        var summary = row.Summary;
        var models = Parse<List<ExperimentModel>>(summary, "model list (models_json)", row.ModelsJson);
        TradeoffsState? sweep = null;
        TrainingRequest? training = null;
        LabSnapshotSettings? lab = null;
        Dictionary<string, string>? trainingResult = null;
        LabSnapshotResult? labResult = null;
        switch (summary.Kind)
        {
            case ExperimentKind.Sweep:
                sweep = Parse<TradeoffsState>(summary, "configuration (config_json)", row.ConfigJson);
                break;
            case ExperimentKind.Training:
                training = Parse<TrainingRequest>(summary, "configuration (config_json)", row.ConfigJson);
                if (row.ResultJson is { } metadata) trainingResult = Parse<Dictionary<string, string>>(summary, "result (result_json)", metadata);
                break;
            case ExperimentKind.LabSnapshot:
                lab = Parse<LabSnapshotSettings>(summary, "configuration (config_json)", row.ConfigJson);
                labResult = Parse<LabSnapshotResult>(summary, "result (result_json)", row.ResultJson ?? "null");
                break;
            default:
                throw Damaged(summary, $"its kind '{summary.Kind}' is unknown");
        }
        foreach (var point in row.Points)
        {
            string what = $"point {point.Seq} ({point.Series})";
            _ = point.Series switch
            {
                ExperimentSeries.SweepPoint when summary.Kind == ExperimentKind.Sweep => (object)Parse<SweepPoint>(summary, what, point.Json),
                ExperimentSeries.TrainingCurve when summary.Kind == ExperimentKind.Training => Parse<TrainingPoint>(summary, what, point.Json),
                ExperimentSeries.Epoch when summary.Kind == ExperimentKind.Training => Parse<EpochPoint>(summary, what, point.Json),
                ExperimentSeries.LabAttack when summary.Kind == ExperimentKind.LabSnapshot => Parse<LabSnapshotPoint>(summary, what, point.Json),
                _ => throw Damaged(summary, $"its {what} belongs to no stream of a {summary.Kind}"),
            };
        }
        return new Experiment(summary, models, sweep, training, lab, trainingResult, labResult, row.Points);
    }

    private static T Parse<T>(ExperimentSummary summary, string what, string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, ExperimentJson.Options) ?? throw Damaged(summary, $"its {what} is empty");
        }
        catch (JsonException e)
        {
            throw Damaged(summary, $"its {what} is not valid ({e.Message})", e);
        }
    }

    private static ExperimentException Damaged(ExperimentSummary summary, string why, Exception? inner = null) =>
        new($"Experiment #{summary.Id} cannot be opened: {why}. The other experiments are not affected; delete this one or restore the database from a backup.", inner);
}
