using RobustLab.Engine.Attacks;

namespace RobustLab.Engine.Metrics;

/// <summary>Kurakin et al. §4.4: of the adversarial examples that fool the source model, the fraction that also fool the target.</summary>
/// <remarks>
/// Kurakin: "we picked only misclassified adversarial example for the source model (i.e. clean classified correctly,
/// adversarial misclassified) and measured what fraction of them were misclassified by the target model":
/// <see cref="Rate"/> = #(src clean = y ∧ src adv ≠ y ∧ tgt adv ≠ y) / #(src clean = y ∧ src adv ≠ y).
/// The stricter <see cref="RateOnTargetCorrect"/> also requires the target to classify the clean image correctly, so a
/// target error that no attack caused is not counted as a transfer.
/// </remarks>
/// <param name="SourceFooled">Denominator: source clean correct and source adversarial wrong.</param>
/// <param name="Transferred">Of those, target adversarial wrong.</param>
/// <param name="SourceFooledTargetCorrect">Denominator of the strict rate: additionally target clean correct.</param>
/// <param name="TransferredTargetCorrect">Of those, target adversarial wrong.</param>
public sealed record TransferRate(int SourceFooled, int Transferred, int SourceFooledTargetCorrect, int TransferredTargetCorrect)
{
    /// <summary>Kurakin §4.4's transfer rate (null when the source was never fooled).</summary>
    public float? Rate => SourceFooled == 0 ? null : (float)Transferred / SourceFooled;

    /// <summary>The transfer rate restricted to examples the target classifies correctly when clean.</summary>
    public float? RateOnTargetCorrect => SourceFooledTargetCorrect == 0 ? null : (float)TransferredTargetCorrect / SourceFooledTargetCorrect;

    /// <summary>Counts both rates from the source's and the target's measurements of the same adversarial batch.</summary>
    public static TransferRate Compute(AttackResult source, AttackResult target)
    {
        if (source.Count != target.Count || !source.Labels.AsSpan().SequenceEqual(target.Labels))
            throw new ArgumentException("The source and target results must measure the same examples with the same labels.");
        int fooled = 0, transferred = 0, fooledStrict = 0, transferredStrict = 0;
        for (int i = 0; i < source.Count; i++)
        {
            int y = source.Labels[i];
            if (source.CleanPredictions[i] != y || source.AdversarialPredictions[i] == y) continue;
            bool transfers = target.AdversarialPredictions[i] != y;
            fooled++;
            if (transfers) transferred++;
            if (target.CleanPredictions[i] != y) continue;
            fooledStrict++;
            if (transfers) transferredStrict++;
        }
        return new TransferRate(fooled, transferred, fooledStrict, transferredStrict);
    }
}
