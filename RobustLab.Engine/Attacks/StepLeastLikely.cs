using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Attacks;

/// <summary>"Step l.l." (Kurakin et al. 2017, §2.2 eq. 2 and App. A; Borji §2 "StepLL"): one step towards the least likely class.</summary>
/// <remarks>
/// x̃ = clip₀₁(x − ε·sign(∇ₓJ(x, y_LL))), y_LL = argmin_y p(y | x) on the clean image. Uses no label, so it does not
/// leak it (§4.2). Success is still measured as untargeted (prediction ≠ true label). L2 norm: ε·∇J/‖∇J‖₂.
/// </remarks>
public sealed class StepLeastLikely(float epsilon, LpNorm norm = LpNorm.Linf) : Attack
{
    public ThreatModel Threat { get; } = new ThreatModel(norm, epsilon).Validate();

    public override string Name => "step-ll";

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context)
    {
        // y_LL comes from the same forward pass the gradient is taken at; ascending −J(x, y_LL) is x − ε·sign(∇J).
        var (gradient, _) = model.InputGradient(x, logits => Losses.TowardsTarget(Losses.LeastLikely(logits))(logits));
        return Fgsm.Step(x, x, gradient, Threat.Norm, Threat.Epsilon, Threat);
    }
}
