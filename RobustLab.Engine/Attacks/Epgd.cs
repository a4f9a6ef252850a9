using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Attacks;

/// <summary>Expectation PGD (Nemcovsky et al. §4.2, eq. 25): PGD whose gradient at every step is averaged over m draws of the model's randomness.</summary>
/// <remarks>
/// xᵗ⁺¹ = Proj_{x,ε}(xᵗ + α·direction((1/m) Σⱼ ∇ₓ ℓ(f_{rⱼ}(xᵗ), y))) — PGD on an <see cref="ExpectationOverTransformation"/>
/// of the target, so it is EOT in general: smoothing noise, randomized JumpReLU's κ, any randomized classifier.
/// NOTE: a <see cref="Defenses.RandomizedSmoothing"/> target already averages its own n samples per gradient,
/// so epgd(m) against it averages m·n; PGD against smoothing with n = m is the paper's EPGD with m samples.
/// On a deterministic model EPGD is PGD.
/// </remarks>
public sealed class Epgd(ThreatModel threat, int steps, float stepSize, int samples, bool randomStart = true) : Attack
{
    private readonly Pgd _pgd = new(threat, steps, stepSize, randomStart);

    public int Samples { get; } = samples >= 1 ? samples : throw new ArgumentException($"EPGD needs m ≥ 1 samples, got {samples}.");
    public ThreatModel Threat => _pgd.Threat;
    public int Steps => _pgd.Steps;
    public float StepSize => _pgd.StepSize;
    public bool RandomStart => _pgd.RandomStart;

    public override string Name => "epgd";

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context) =>
        PerturbWith(_pgd, new ExpectationOverTransformation(model, Samples), x, labels, context);
}
