namespace RobustLab.Web.Services.Lab;

/// <summary>The attack on one model, measured and rendered: the adversarial image, the perturbation δ = x̃ − x as signed and magnitude heatmaps, probabilities, sizes and success.</summary>
/// <param name="Title">"Undefended", "Defended", …</param>
/// <param name="Model">The attacked classifier's description ("lenet-like, jumprelu:1").</param>
/// <param name="Target">The target class of a targeted attack.</param>
/// <param name="Success">Untargeted: the adversarial prediction differs from the label; targeted: it is the target.</param>
/// <param name="Relative">ρ = ‖δ‖₂ / ‖x‖₂ (JumpReLU paper, eqs. 3 and 12); null (undefined) when ‖x‖₂ = 0.</param>
public sealed record AttackView(
    string Title,
    string Model,
    int? Target,
    ProbabilityPair Probabilities,
    bool Success,
    float Linf,
    float L2,
    float? Relative,
    string AdversarialImage,
    string SignedImage,
    string MagnitudeImage)
{
    /// <summary>The adversarial image x̃ itself (28×28 in [0,1], row-major), for the figure export; null in snapshots stored before it was kept.</summary>
    public float[]? AdversarialPixels { get; init; }

    public int CleanPrediction => Probabilities.CleanPrediction;
    public int AdversarialPrediction => Probabilities.AdversarialPrediction;
}
