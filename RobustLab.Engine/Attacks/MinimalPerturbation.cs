using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;

namespace RobustLab.Engine.Attacks;

/// <summary>
/// What the minimal-perturbation attacks (DeepFool, Carlini–Wagner, trust region) share: an optional budget and the
/// shrinking set of examples still to fool.
/// </summary>
/// <remarks>
/// ε = +∞ means unbounded: the attack returns the smallest adversarial it finds (what ρ, JumpReLU eq. 12, averages).
/// A finite ε makes it a bounded attack with the usual threat model ‖x̃ − x‖ ≤ ε (the result is kept in the ε-ball).
/// </remarks>
public static class MinimalPerturbation
{
    /// <summary>ε → the threat model to respect, or null for ε = +∞ (unbounded).</summary>
    public static ThreatModel? Budget(LpNorm norm, float epsilon) =>
        float.IsPositiveInfinity(epsilon) ? null : new ThreatModel(norm, epsilon).Validate();

    /// <summary>The entries of <paramref name="indices"/> whose row of <paramref name="logits"/> (one row per index) still predicts the label.</summary>
    public static int[] StillCorrect(Tensor logits, int[] labels, int[] indices)
    {
        var predictions = SoftmaxCrossEntropy.Argmax(logits);
        return indices.Where((n, row) => predictions[row] == labels[n]).ToArray();
    }
}
