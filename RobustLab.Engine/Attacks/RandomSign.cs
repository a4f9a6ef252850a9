using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace RobustLab.Engine.Attacks;

/// <summary>"Sign of random perturbation" (Kurakin et al. 2017, App. A): a noise baseline shaped like FGSM, x̃ = clip₀₁(x + ε·sign(𝒩)).</summary>
/// <remarks>
/// 𝒩 ~ N(0, I), drawn from <c>new Random(seed)</c>; the gradient is never used. In L2 the same rule through the
/// norm's step direction gives ε·𝒩/‖𝒩‖₂, a uniformly random direction of length ε. Before the pixel clip ‖δ‖ = ε exactly.
/// </remarks>
public sealed class RandomSign(float epsilon, LpNorm norm = LpNorm.Linf) : Attack
{
    public ThreatModel Threat { get; } = new ThreatModel(norm, epsilon).Validate();

    public override string Name => "random-sign";

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context)
    {
        var adversarial = x.Clone();
        TensorPrimitives.MultiplyAdd(Noise(x, Threat.Norm, new Random(context.Seed)).Data, Threat.Epsilon, adversarial.Data, adversarial.Data);
        NormMath.Project(adversarial, x, Threat.Norm, Threat.Epsilon);
        return adversarial;
    }

    /// <summary>direction(𝒩) with 𝒩 ~ N(0, I) of x's shape: sign(𝒩) in L∞, 𝒩/‖𝒩‖₂ in L2 (shared with R-FGSM).</summary>
    public static Tensor Noise(Tensor like, LpNorm norm, Random rng)
    {
        var gaussian = Tensor.ZerosLike(like);
        for (int i = 0; i < gaussian.Length; i++) gaussian[i] = Pgd.Gaussian(rng);
        return NormMath.Direction(gaussian, norm);
    }
}
