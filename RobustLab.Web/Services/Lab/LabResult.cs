using RobustLab.Web.Services.Imaging;

namespace RobustLab.Web.Services.Lab;

/// <summary>Everything the Lab's views show for one request.</summary>
/// <param name="Label">The true label, or (drawings, uploads) the undefended model's prediction on the clean image.</param>
/// <param name="CleanImage">PNG data URL of the clean image.</param>
/// <param name="SignedScale">Colour scale of the signed heatmaps (shared by all attacks shown).</param>
/// <param name="MagnitudeScale">Colour scale of the magnitude heatmaps.</param>
/// <param name="Attacks">The attack on the attacked model; with compare, on the undefended and then the defended model.</param>
/// <param name="Undefended">Without compare but with a defense: the undefended model's probabilities on the same two images.</param>
/// <param name="Summary">The attack as run, with its effective parameters ("pgd · L∞ ε = 0.3 · 40 steps of α = 0.075 · …").</param>
public sealed record LabResult(
    LabRequest Request,
    int Label,
    bool LabelKnown,
    string CleanImage,
    ColorScale SignedScale,
    ColorScale MagnitudeScale,
    IReadOnlyList<AttackView> Attacks,
    ProbabilityPair? Undefended,
    string Summary,
    LabTiming Timing);
