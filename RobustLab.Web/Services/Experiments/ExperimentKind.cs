namespace RobustLab.Web.Services.Experiments;

/// <summary>What an experiment recorded: a Trade-offs sweep, a training run, or a Lab snapshot.</summary>
public static class ExperimentKind
{
    public const string Sweep = "sweep", Training = "training", LabSnapshot = "lab-snapshot";

    public static IReadOnlyList<string> All { get; } = [Sweep, Training, LabSnapshot];
}
