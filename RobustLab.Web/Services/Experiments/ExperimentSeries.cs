namespace RobustLab.Web.Services.Experiments;

/// <summary>The point streams an experiment records, by kind: what the series column of experiment_points holds.</summary>
public static class ExperimentSeries
{
    /// <summary>Sweeps: a <see cref="Engine.Sweeps.SweepPoint"/> per measured knob value (its own Series field names the plot's series).</summary>
    public const string SweepPoint = "point";

    /// <summary>Training: a <see cref="Training.TrainingPoint"/> of the live loss/accuracy curve.</summary>
    public const string TrainingCurve = "curve";

    /// <summary>Training: an <see cref="Training.EpochPoint"/> at the end of each epoch.</summary>
    public const string Epoch = "epoch";

    /// <summary>Lab snapshots: a <see cref="LabSnapshotPoint"/> per attack shown.</summary>
    public const string LabAttack = "attack";

    /// <summary>The streams an experiment of <paramref name="kind"/> may have.</summary>
    public static IReadOnlyList<string> Of(string kind) => kind switch
    {
        ExperimentKind.Sweep => [SweepPoint],
        ExperimentKind.Training => [TrainingCurve, Epoch],
        ExperimentKind.LabSnapshot => [LabAttack],
        _ => [],
    };
}
