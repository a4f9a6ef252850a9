using RobustLab.Engine.Attacks;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Metrics;

/// <summary>The measurements of an attacked batch: accuracies, attack success rate, fooling rate and ρ (JumpReLU eq. 12).</summary>
/// <remarks>
/// An example is "turned" by the attack when the attack had to do something and did it — untargeted: clean prediction
/// correct and adversarial prediction wrong (Kurakin §2.1 item 3); targeted: clean prediction not the target and adversarial
/// prediction the target (Borji Fig. 5: "if it has not already been classified so"). Success rate, ρ and the mean
/// perturbation are taken over those examples, so already-misclassified inputs (‖δ‖ may be 0) do not flatter the attack.
/// Ratios with an empty denominator are null.
/// </remarks>
public static class AdversarialMetrics
{
    /// <summary>Fraction of clean inputs classified correctly.</summary>
    public static float CleanAccuracy(AttackResult r) => Fraction(r.Count, i => r.CleanPredictions[i] == r.Labels[i]);

    /// <summary>Fraction of adversarial inputs classified correctly (the true label, also for targeted attacks).</summary>
    public static float AdversarialAccuracy(AttackResult r) => Fraction(r.Count, i => r.AdversarialPredictions[i] == r.Labels[i]);

    /// <summary>Whether the attack turned example i (see remarks).</summary>
    public static bool Turned(AttackResult r, int i) => r.Targets is { } t
        ? r.CleanPredictions[i] != t[i] && r.AdversarialPredictions[i] == t[i]
        : r.CleanPredictions[i] == r.Labels[i] && r.AdversarialPredictions[i] != r.Labels[i];

    /// <summary>Whether example i is one the attack had to turn: clean correct (untargeted) or clean not yet the target (targeted).</summary>
    public static bool Eligible(AttackResult r, int i) => r.Targets is { } t ? r.CleanPredictions[i] != t[i] : r.CleanPredictions[i] == r.Labels[i];

    /// <summary>Attack success rate: turned / eligible — untargeted #(clean correct ∧ adversarial wrong)/#(clean correct);
    /// targeted #(clean ≠ t ∧ adversarial = t)/#(clean ≠ t).</summary>
    public static float? AttackSuccessRate(AttackResult r)
    {
        int eligible = 0, turned = 0;
        for (int i = 0; i < r.Count; i++)
        {
            if (!Eligible(r, i)) continue;
            eligible++;
            if (Turned(r, i)) turned++;
        }
        return eligible == 0 ? null : (float)turned / eligible;
    }

    /// <summary>Fooling rate: fraction of all inputs whose predicted class changed, #(adversarial ≠ clean prediction)/N (DeepFool's
    /// definition, which the JumpReLU paper's "fooling rate" of DeepFool/PGD follows).</summary>
    public static float FoolingRate(AttackResult r) => Fraction(r.Count, i => r.AdversarialPredictions[i] != r.CleanPredictions[i]);

    /// <summary>ρ_p = mean over turned examples of ‖xᵢ − x̃ᵢ‖_p / ‖xᵢ‖_p (JumpReLU eq. 12), p = 2 or ∞; examples with ‖xᵢ‖ = 0 are skipped.</summary>
    public static float? Rho(AttackResult r, Tensor clean, LpNorm norm)
    {
        if (clean.N != r.Count) throw new ArgumentException($"{clean.N} clean images for {r.Count} attacked ones.");
        var size = NormMath.Measure(clean, norm);
        var delta = norm == LpNorm.L2 ? r.L2 : r.Linf;
        double sum = 0;
        int n = 0;
        for (int i = 0; i < r.Count; i++)
        {
            if (!Turned(r, i) || size[i] == 0) continue;
            sum += (double)delta[i] / size[i];
            n++;
        }
        return n == 0 ? null : (float)(sum / n);
    }

    /// <summary>Mean ‖x̃ᵢ − xᵢ‖ over turned examples (for a minimal attack like DeepFool: the mean minimal perturbation).</summary>
    public static float? MeanPerturbation(AttackResult r, LpNorm norm)
    {
        var delta = norm == LpNorm.L2 ? r.L2 : r.Linf;
        double sum = 0;
        int n = 0;
        for (int i = 0; i < r.Count; i++)
            if (Turned(r, i)) { sum += delta[i]; n++; }
        return n == 0 ? null : (float)(sum / n);
    }

    /// <summary>All of the above for one attacked batch.</summary>
    public static AdversarialSummary Summarize(AttackResult r, Tensor clean) => new(
        r.Count, CleanAccuracy(r), AdversarialAccuracy(r), AttackSuccessRate(r), FoolingRate(r),
        Rho(r, clean, LpNorm.L2), Rho(r, clean, LpNorm.Linf), MeanPerturbation(r, LpNorm.L2), MeanPerturbation(r, LpNorm.Linf));

    private static float Fraction(int count, Func<int, bool> predicate)
    {
        if (count == 0) return float.NaN;
        int hits = 0;
        for (int i = 0; i < count; i++) if (predicate(i)) hits++;
        return (float)hits / count;
    }
}
