namespace RobustLab.Engine.Metrics;

/// <summary>What <see cref="GradientMasking"/> judges: accuracies (fractions in [0,1]) of one model on one set of examples under attacks
/// of the same threat model, plus the fraction of examples whose input gradient is exactly zero.</summary>
/// <param name="Epsilon">The threat model's ε (its norm is the attacks' norm).</param>
/// <param name="Clean">Clean accuracy.</param>
/// <param name="OneStep">Accuracy under a one-step gradient attack (FGSM).</param>
/// <param name="Iterative">Accuracy under an iterative gradient attack (PGD).</param>
/// <param name="BlackBox">Accuracy under a gradient-free attack (Square); null when not measured.</param>
/// <param name="Transfer">Accuracy under a transfer attack crafted on another model; null when not measured.</param>
/// <param name="FullRange">Accuracy under the iterative attack with the whole pixel range as budget (L∞ ε = 1); null when not measured.</param>
/// <param name="ZeroGradientFraction">Fraction of examples whose cross-entropy input gradient is exactly zero everywhere; null when not measured.</param>
public sealed record MaskingMeasurements(
    float Epsilon,
    float Clean,
    float OneStep,
    float Iterative,
    float? BlackBox = null,
    float? Transfer = null,
    float? FullRange = null,
    float? ZeroGradientFraction = null)
{
    /// <summary>The strongest white-box result: the lower of the one-step and iterative accuracies.</summary>
    public float WhiteBox => MathF.Min(OneStep, Iterative);
}
