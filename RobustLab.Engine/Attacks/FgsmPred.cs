using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;

namespace RobustLab.Engine.Attacks;

/// <summary>"FGSM-pred" (Kurakin et al. 2017, App. A and §4.2): FGSM with the model's own prediction ŷ in place of the true label.</summary>
/// <remarks>
/// x̃ = clip₀₁(x + ε·sign(∇ₓJ(x, ŷ))), ŷ = argmax_y p(y | x). It never reads the true label, so it cannot
/// leak it (label leaking, §4.2); where the model is right it equals FGSM. With the L2 norm the step is ε·∇J/‖∇J‖₂.
/// </remarks>
public sealed class FgsmPred(float epsilon, LpNorm norm = LpNorm.Linf) : Attack
{
    public ThreatModel Threat { get; } = new ThreatModel(norm, epsilon).Validate();

    public override string Name => "fgsm-pred";

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context)
    {
        // The prediction comes from the same forward pass the gradient is taken at.
        var (gradient, _) = model.InputGradient(x, logits => Losses.CrossEntropy(SoftmaxCrossEntropy.Argmax(logits))(logits));
        return Fgsm.Step(x, x, gradient, Threat.Norm, Threat.Epsilon, Threat);
    }
}
