using RobustLab.Engine.Attacks;

namespace RobustLab.Engine.Metrics;

/// <summary>Measurements of one true class: how many examples, clean and adversarial accuracy, attack success rate among them.</summary>
public sealed record ClassBreakdown(int Class, int Count, float? CleanAccuracy, float? AdversarialAccuracy, float? AttackSuccessRate);

/// <summary>Targeted success towards one target class (Borji Fig. 6): examples aimed at it that were not already predicted as it, and how many got there.</summary>
public sealed record TargetBreakdown(int Target, int Eligible, int Successes, float? SuccessRate);

/// <summary>Per-class breakdowns of an attacked batch: by true class (any attack) and by target class (targeted attacks, Borji Fig. 6).</summary>
/// <remarks>Success follows <see cref="AdversarialMetrics.Eligible"/>/<see cref="AdversarialMetrics.Turned"/>; rows with no examples carry nulls.</remarks>
public static class PerClassMetrics
{
    /// <summary>One row per true class 0..classes−1.</summary>
    public static IReadOnlyList<ClassBreakdown> ByTrueClass(AttackResult r, int classes)
    {
        var rows = new List<ClassBreakdown>(classes);
        for (int c = 0; c < classes; c++)
        {
            int count = 0, clean = 0, adversarial = 0, eligible = 0, turned = 0;
            for (int i = 0; i < r.Count; i++)
            {
                if (r.Labels[i] != c) continue;
                count++;
                if (r.CleanPredictions[i] == c) clean++;
                if (r.AdversarialPredictions[i] == c) adversarial++;
                if (AdversarialMetrics.Eligible(r, i)) eligible++;
                if (AdversarialMetrics.Turned(r, i)) turned++;
            }
            rows.Add(new ClassBreakdown(c, count, Ratio(clean, count), Ratio(adversarial, count), Ratio(turned, eligible)));
        }
        return rows;
    }

    /// <summary>One row per target class 0..classes−1: success rate #(clean ≠ t ∧ adversarial = t)/#(clean ≠ t) among examples aimed at t.</summary>
    public static IReadOnlyList<TargetBreakdown> ByTargetClass(AttackResult r, int classes)
    {
        var targets = r.Targets ?? throw new ArgumentException("A per-target breakdown needs a targeted attack's result.");
        var rows = new List<TargetBreakdown>(classes);
        for (int t = 0; t < classes; t++)
        {
            int eligible = 0, successes = 0;
            for (int i = 0; i < r.Count; i++)
            {
                if (targets[i] != t || !AdversarialMetrics.Eligible(r, i)) continue;
                eligible++;
                if (AdversarialMetrics.Turned(r, i)) successes++;
            }
            rows.Add(new TargetBreakdown(t, eligible, successes, Ratio(successes, eligible)));
        }
        return rows;
    }

    private static float? Ratio(int numerator, int denominator) => denominator == 0 ? null : (float)numerator / denominator;
}
