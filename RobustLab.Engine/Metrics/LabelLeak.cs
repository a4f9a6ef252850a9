using RobustLab.Engine.Attacks;

namespace RobustLab.Engine.Metrics;

/// <summary>Label leaking (Kurakin et al. §4.2).</summary>
/// <remarks>
/// "The label for a specific example has been leaked iff the model classifies an adversarial example correctly when that
/// adversarial example is generated using the true label but misclassifies a corresponding adversarial example that was
/// created without using the true label": leaked ⇔ ŷ(x̃_true) = y ∧ ŷ(x̃_pred) ≠ y, e.g. FGSM vs FGSM-pred at the same ε.
/// </remarks>
public static class LabelLeak
{
    /// <summary>Per example: whether its label leaked.</summary>
    public static bool[] Leaked(AttackResult withTrueLabel, AttackResult withoutTrueLabel)
    {
        if (withTrueLabel.Count != withoutTrueLabel.Count || !withTrueLabel.Labels.AsSpan().SequenceEqual(withoutTrueLabel.Labels))
            throw new ArgumentException("Both results must attack the same examples with the same labels.");
        var leaked = new bool[withTrueLabel.Count];
        for (int i = 0; i < leaked.Length; i++)
        {
            int y = withTrueLabel.Labels[i];
            leaked[i] = withTrueLabel.AdversarialPredictions[i] == y && withoutTrueLabel.AdversarialPredictions[i] != y;
        }
        return leaked;
    }

    /// <summary>The number of leaked labels (Kurakin: 79 of 10,000 for Goodfellow et al.'s adversarially trained MNIST model at ε = 0.3).</summary>
    public static int Count(AttackResult withTrueLabel, AttackResult withoutTrueLabel) => Leaked(withTrueLabel, withoutTrueLabel).Count(l => l);
}
