namespace RobustLab.Engine.Metrics;

/// <summary>The measurements of one attacked batch (see <see cref="AdversarialMetrics"/> for each definition); null where not applicable.</summary>
public sealed record AdversarialSummary(
    int Count,
    float CleanAccuracy,
    float AdversarialAccuracy,
    float? AttackSuccessRate,
    float FoolingRate,
    float? RhoL2,
    float? RhoLinf,
    float? MeanL2,
    float? MeanLinf)
{
    /// <summary>Kurakin §4.3's robustness measure: adversarial accuracy / clean accuracy (above 1 signals label leaking).</summary>
    public float? AccuracyRatio => CleanAccuracy > 0 ? AdversarialAccuracy / CleanAccuracy : null;
}
