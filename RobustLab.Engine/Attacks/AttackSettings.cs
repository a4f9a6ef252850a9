namespace RobustLab.Engine.Attacks;

/// <summary>The knobs of every attack in one record, as the CLI and the UI set them; each attack reads the ones it uses.</summary>
/// <param name="Norm">Threat-model norm (ignored by fast-grad-l2 / fast-grad-linf, whose norm is their own).</param>
/// <param name="Epsilon">Budget ε in [0,1] pixel units (L∞) or Euclidean length (L2). The minimal-perturbation attacks
/// (deepfool, cw, trust-region) also accept +∞: unbounded, they return the smallest adversarial they find (for ρ).</param>
/// <param name="Steps">Iterations of iterative attacks (null: the attack's default, e.g. Kurakin's min(ε₂₅₅+4, 1.25ε₂₅₅) for BIM);
/// for the minimal-perturbation attacks, the iteration cap (C&amp;W: per value of c).</param>
/// <param name="StepSize">Step α of iterative attacks, R-FGSM's random-step α, the trust-region attack's initial radius (null: the attack's default).</param>
/// <param name="RandomStart">PGD's uniform random start in the ε-ball.</param>
/// <param name="Overshoot">Overshoot η of DeepFool and the trust-region step.</param>
/// <param name="Samples">Noise samples m per gradient for expectation attacks (EPGD/EOT).</param>
/// <param name="Candidates">DeepFool / trust region: test only the top-k other classes by clean logit (null: all).</param>
/// <param name="Confidence">C&amp;W's κ: the margin the adversarial class must win by.</param>
/// <param name="BinarySearchSteps">C&amp;W's number of values of c tried.</param>
/// <param name="LearningRate">C&amp;W's Adam step (null: the attack's default).</param>
/// <param name="InitialConst">C&amp;W's first c.</param>
/// <param name="Queries">Square's query budget per example, alone and inside AutoAttack (null: 5000, the standard AutoAttack's).</param>
/// <param name="Population">NAttack's samples b per update of the search distribution (null: 300, the paper's).</param>
public sealed record AttackSettings(
    LpNorm Norm = LpNorm.Linf,
    float Epsilon = 0.3f,
    int? Steps = null,
    float? StepSize = null,
    bool RandomStart = true,
    float Overshoot = 0.02f,
    int Samples = 8,
    int? Candidates = null,
    float Confidence = 0f,
    int BinarySearchSteps = 5,
    float? LearningRate = null,
    float InitialConst = 0.01f,
    int? Queries = null,
    int? Population = null)
{
    public ThreatModel Threat => new(Norm, Epsilon);
}
