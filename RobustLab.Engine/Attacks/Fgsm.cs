using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Attacks;

/// <summary>Fast gradient sign method (Goodfellow et al. 2014; Kurakin et al. §2.2 eq. 1; Borji §2).</summary>
/// <remarks>
/// Untargeted: x̃ = clip₀₁(x + ε·sign(∇ₓJ(x, y_true))). Targeted (Borji Fig. 5): x̃ = clip₀₁(x − ε·sign(∇ₓJ(x, t))).
/// With the L2 norm this is "fast grad L2": x̃ = x + ε·∇J/‖∇J‖₂ (Kurakin App. A).
/// </remarks>
public sealed class Fgsm(float epsilon, LpNorm norm = LpNorm.Linf, bool targeted = false) : Attack
{
    public ThreatModel Threat { get; } = new ThreatModel(norm, epsilon).Validate();

    public override string Name => targeted ? "fgsm-targeted" : "fgsm";
    public override bool Targeted => targeted;

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context)
    {
        var loss = targeted ? Losses.TowardsTarget(context.Targets!) : Losses.CrossEntropy(labels);
        var (gradient, _) = model.InputGradient(x, loss);
        return Step(x, x, gradient, Threat.Norm, Threat.Epsilon, Threat);
    }

    /// <summary>x̃ = Proj_{x,ε}(from + α·direction(g)): one ascent step, shared by the one-step and iterative attacks.</summary>
    public static Tensor Step(Tensor clean, Tensor from, Tensor gradient, LpNorm stepNorm, float alpha, ThreatModel threat)
    {
        var direction = NormMath.Direction(gradient, stepNorm);
        var next = from.Clone();
        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(direction.Data, alpha, next.Data, next.Data);
        NormMath.Project(next, clean, threat.Norm, threat.Epsilon);
        return next;
    }
}
