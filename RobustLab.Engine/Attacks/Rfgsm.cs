using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace RobustLab.Engine.Attacks;

/// <summary>R-FGSM (Tramèr et al. 2018, "Ensemble adversarial training", §4.1; Borji §2 "RFGSM"): a random sign step, then FGSM with the rest of the budget.</summary>
/// <remarks>
/// x' = clip₀₁(x + α·sign(𝒩(0, I))), x̃ = clip₀₁(Proj_{x,ε}(x' + (ε − α)·sign(∇ₓ′J(x', y_true)))); α = ε/2 by default
/// (Tramèr: ε = 16/255, α = 8/255). ‖x̃ − x‖ ≤ α + (ε − α) = ε. L2: both signs become unit-L2 directions.
/// The noise is drawn from <c>new Random(seed)</c>.
/// </remarks>
public sealed class Rfgsm : Attack
{
    public ThreatModel Threat { get; }

    /// <summary>The size α of the random step; the gradient step is ε − α.</summary>
    public float Alpha { get; }

    public Rfgsm(float epsilon, float? alpha = null, LpNorm norm = LpNorm.Linf)
    {
        Threat = new ThreatModel(norm, epsilon).Validate();
        Alpha = alpha ?? epsilon / 2;
        if (!(Alpha >= 0 && Alpha <= epsilon)) throw new ArgumentException($"R-FGSM needs 0 ≤ α ≤ ε, got α = {Alpha}, ε = {epsilon}.");
    }

    public override string Name => "rfgsm";

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context)
    {
        var start = x.Clone();
        TensorPrimitives.MultiplyAdd(RandomSign.Noise(x, Threat.Norm, new Random(context.Seed)).Data, Alpha, start.Data, start.Data);
        NormMath.Project(start, x, Threat.Norm, Alpha);
        var (gradient, _) = model.InputGradient(start, Losses.CrossEntropy(labels));
        return Fgsm.Step(x, start, gradient, Threat.Norm, Threat.Epsilon - Alpha, Threat);
    }
}
