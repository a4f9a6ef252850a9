using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Attacks;

/// <summary>"Fast entropy" (Kurakin et al. 2017, App. A): one FGSM-style step up the entropy of the predicted distribution.</summary>
/// <remarks>
/// x̃ = clip₀₁(x + ε·sign(∇ₓH(p(·|x)))), H(p) = −Σ_y p(y|x) log p(y|x): the model becomes less certain of its
/// prediction. The paper gives no formula; like the other "fast" methods of App. A it takes the sign of the
/// gradient (L2 norm: ε·∇H/‖∇H‖₂). It uses no label.
/// </remarks>
public sealed class FastEntropy(float epsilon, LpNorm norm = LpNorm.Linf) : Attack
{
    public ThreatModel Threat { get; } = new ThreatModel(norm, epsilon).Validate();

    public override string Name => "fast-entropy";

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context)
    {
        var (gradient, _) = model.InputGradient(x, Losses.Entropy());
        return Fgsm.Step(x, x, gradient, Threat.Norm, Threat.Epsilon, Threat);
    }
}
