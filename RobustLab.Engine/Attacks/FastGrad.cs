using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace RobustLab.Engine.Attacks;

/// <summary>"Fast grad. L2" and "fast grad. L∞" (Kurakin et al. 2017, App. A; L2 after Miyato et al. 2016).</summary>
/// <remarks>
/// x̃ = clip₀₁(x + ε·∇ₓJ(x, y_true)/‖∇ₓJ(x, y_true)‖ₚ), p = 2 or ∞. The norm is part of the method, so the threat
/// model is Lₚ with budget ε. NOTE: for p = ∞ the step is ε·∇J/‖∇J‖∞ (the largest pixel moves by ε, the others
/// in proportion), not FGSM's ε·sign(∇J).
/// </remarks>
public sealed class FastGrad(float epsilon, LpNorm norm) : Attack
{
    public ThreatModel Threat { get; } = new ThreatModel(norm, epsilon).Validate();

    public override string Name => Threat.Norm == LpNorm.L2 ? "fast-grad-l2" : "fast-grad-linf";

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context)
    {
        var (gradient, _) = model.InputGradient(x, Losses.CrossEntropy(labels));
        var adversarial = x.Clone();
        TensorPrimitives.MultiplyAdd(NormMath.Normalize(gradient, Threat.Norm).Data, Threat.Epsilon, adversarial.Data, adversarial.Data);
        NormMath.Project(adversarial, x, Threat.Norm, Threat.Epsilon);
        return adversarial;
    }
}
