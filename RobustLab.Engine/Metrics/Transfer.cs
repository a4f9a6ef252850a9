using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Metrics;

/// <summary>An attack crafted on one model and its adversarial examples measured on another.</summary>
/// <param name="Source">The attack on the source model (the model the attacker has).</param>
/// <param name="Target">The same adversarial images measured on the target model.</param>
public sealed record TransferResult(AttackResult Source, AttackResult Target)
{
    /// <summary>Kurakin §4.4's transfer rate of this pair.</summary>
    public TransferRate Rate => TransferRate.Compute(Source, Target);
}

/// <summary>Transfer attacks: craft on a source classifier, evaluate on a target (Kurakin §4.4; the JumpReLU gray-box setting §4.1.1,
/// where the source is the ReLU network and the target the JumpReLU-retrofitted one; Borji §3's BPDA via a substitute).</summary>
public static class Transfer
{
    /// <summary>Runs <paramref name="attack"/> on <paramref name="source"/> and measures its adversarial examples on <paramref name="target"/>.</summary>
    public static TransferResult Run(Attack attack, IClassifier source, IClassifier target, Tensor x, int[] labels, AttackContext? context = null)
    {
        var crafted = attack.Run(source, x, labels, context);
        return new TransferResult(crafted, Evaluate(crafted, x, target));
    }

    /// <summary>The source's adversarial examples measured on another target (reuse one crafted batch across a row of targets, JumpReLU Fig. 7).</summary>
    public static AttackResult Evaluate(AttackResult crafted, Tensor clean, IClassifier target) =>
        AttackResult.Measure(target, clean, crafted.Adversarial, crafted.Labels, crafted.Targets);
}
