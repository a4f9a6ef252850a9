using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Attacks;

/// <summary>"Step rnd." (Kurakin et al. 2017, §2.2 and App. A): one step towards a random class.</summary>
/// <remarks>
/// x̃ = clip₀₁(x − ε·sign(∇ₓJ(x, y_rnd))), y_rnd uniform over all K classes, drawn from <c>new Random(seed)</c>.
/// NOTE: the draw is over all classes, as in the paper, never excluding the true one: excluding it would read
/// the label and bring back label leaking (§4.2), which is why the paper recommends this method for training.
/// </remarks>
public sealed class StepRandom(float epsilon, LpNorm norm = LpNorm.Linf) : Attack
{
    public ThreatModel Threat { get; } = new ThreatModel(norm, epsilon).Validate();

    public override string Name => "step-rnd";

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context)
    {
        var (gradient, _) = model.InputGradient(x, Losses.TowardsTarget(RandomTargets(x.N, model.Classes, context.Seed)));
        return Fgsm.Step(x, x, gradient, Threat.Norm, Threat.Epsilon, Threat);
    }

    /// <summary>The random target of each of <paramref name="count"/> examples: uniform over 0..classes−1 from <c>new Random(seed)</c>.</summary>
    public static int[] RandomTargets(int count, int classes, int seed)
    {
        var rng = new Random(seed);
        var targets = new int[count];
        for (int i = 0; i < count; i++) targets[i] = rng.Next(classes);
        return targets;
    }
}
