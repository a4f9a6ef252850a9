using RobustLab.Web.Services.Imaging;
using RobustLab.Web.Services.Lab;

namespace RobustLab.Web.Services.Experiments;

/// <summary>What the Lab showed when the snapshot was taken: the rendered PNG views, predictions, probabilities and perturbation norms.</summary>
/// <param name="PerturbationMax">m of the heatmaps' colour scales (signed over [−m, m], magnitude over [0, m]).</param>
public sealed record LabSnapshotResult(
    int Label,
    bool LabelKnown,
    string CleanImage,
    float PerturbationMax,
    IReadOnlyList<AttackView> Attacks,
    ProbabilityPair? Undefended,
    string Summary,
    LabTiming Timing)
{
    public static LabSnapshotResult From(LabResult result) => new(result.Label, result.LabelKnown, result.CleanImage, result.SignedScale.Hi,
        result.Attacks, result.Undefended, result.Summary, result.Timing);

    /// <summary>The Lab's result as it was, for <paramref name="request"/> (the request the stored settings make).</summary>
    public LabResult ToResult(LabRequest request) => new(request, Label, LabelKnown, CleanImage, ColorScale.Signed(PerturbationMax),
        ColorScale.Magnitude(PerturbationMax), Attacks, Undefended, Summary, Timing);
}
