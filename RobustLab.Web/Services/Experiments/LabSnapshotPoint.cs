using RobustLab.Web.Services.Lab;

namespace RobustLab.Web.Services.Experiments;

/// <summary>One attack of a Lab snapshot as a row of measurements (the CSV export's rows): predictions, success, ‖δ‖ and probabilities.</summary>
public sealed record LabSnapshotPoint(
    string Title,
    string Model,
    int? Target,
    int CleanPrediction,
    int AdversarialPrediction,
    bool Success,
    float Linf,
    float L2,
    float? Relative,
    float[] CleanProbabilities,
    float[] AdversarialProbabilities)
{
    public static LabSnapshotPoint From(AttackView view) => new(view.Title, view.Model, view.Target, view.CleanPrediction, view.AdversarialPrediction,
        view.Success, view.Linf, view.L2, view.Relative, view.Probabilities.Clean, view.Probabilities.Adversarial);
}
