namespace RobustLab.Engine.Attacks;

/// <summary>The knobs of every attack in one record, as the CLI and the UI set them; each attack reads the ones it uses.</summary>
/// <param name="Norm">Threat-model norm (ignored by fast-grad-l2 / fast-grad-linf, whose norm is their own).</param>
/// <param name="Epsilon">Budget ε in [0,1] pixel units (L∞) or Euclidean length (L2).</param>
/// <param name="Steps">Iterations of iterative attacks (null: the attack's default, e.g. Kurakin's min(ε₂₅₅+4, 1.25ε₂₅₅) for BIM).</param>
/// <param name="StepSize">Step α of iterative attacks, and R-FGSM's random-step α (null: the attack's default).</param>
/// <param name="RandomStart">PGD's uniform random start in the ε-ball.</param>
/// <param name="Overshoot">DeepFool's overshoot η.</param>
/// <param name="Samples">Noise samples m per gradient for expectation attacks (EPGD/EOT).</param>
public sealed record AttackSettings(
    LpNorm Norm = LpNorm.Linf,
    float Epsilon = 0.3f,
    int? Steps = null,
    float? StepSize = null,
    bool RandomStart = true,
    float Overshoot = 0.02f,
    int Samples = 8)
{
    public ThreatModel Threat => new(Norm, Epsilon);
}
