namespace RobustLab.Engine.Defenses;

/// <summary>The outcome of certifying one input (Cohen et al. 2019, CERTIFY).</summary>
/// <param name="Prediction">The certified class ĉ_A, or <see cref="Abstain"/>.</param>
/// <param name="LowerBound">p̲_A: the one-sided (1−α) Clopper–Pearson lower bound on P(f(x+η) = ĉ_A).</param>
/// <param name="Radius">Certified L2 radius σ·Φ⁻¹(p̲_A); 0 when abstaining.</param>
/// <param name="Count">Estimation samples that voted for ĉ_A.</param>
/// <param name="Samples">Estimation samples n.</param>
public sealed record Certificate(int Prediction, double LowerBound, double Radius, int Count, int Samples)
{
    /// <summary>The prediction of an abstention.</summary>
    public const int Abstain = -1;

    public bool Abstained => Prediction == Abstain;

    /// <summary>Correct and certified at radius r: the prediction is the label and R ≥ r.</summary>
    public bool CertifiedAt(int label, double radius) => !Abstained && Prediction == label && Radius >= radius;
}
