namespace RobustLab.Engine.Defenses;

// The standard normal quantile Φ⁻¹(p), for certified radii R = σ·Φ⁻¹(p̲_A) (Cohen et al. 2019, Thm. 1).
// Wichura 1988, Algorithm AS 241 (PPND16): rational approximations in three regions, ~1e-16 relative error.

/// <summary>The standard normal distribution N(0, 1).</summary>
public static class NormalDistribution
{
    /// <summary>Φ⁻¹(p): the z with P(Z ≤ z) = p. Φ⁻¹(0) = −∞, Φ⁻¹(1) = +∞.</summary>
    /// <remarks>Wichura, "The Percentage Points of the Normal Distribution", Applied Statistics 37 (1988), AS 241.</remarks>
    public static double InverseCdf(double p)
    {
        if (double.IsNaN(p) || p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), $"A probability must lie in [0,1], got {p}.");
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        double q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            double r = 0.180625 - q * q;
            return q * Ratio(r, Central, CentralDenominator);
        }
        double t = Math.Sqrt(-Math.Log(q < 0 ? p : 1 - p));
        double z = t <= 5 ? Ratio(t - 1.6, Intermediate, IntermediateDenominator) : Ratio(t - 5, Tail, TailDenominator);
        return q < 0 ? -z : z;
    }

    // Σ aᵢ rⁱ / Σ bᵢ rⁱ by Horner, coefficients in ascending powers.
    private static double Ratio(double r, double[] numerator, double[] denominator)
    {
        double num = 0, den = 0;
        for (int i = numerator.Length - 1; i >= 0; i--) num = num * r + numerator[i];
        for (int i = denominator.Length - 1; i >= 0; i--) den = den * r + denominator[i];
        return num / den;
    }

    private static readonly double[] Central =
        [3.3871328727963666080e0, 1.3314166789178437745e2, 1.9715909503065514427e3, 1.3731693765509461125e4,
         4.5921953931549871457e4, 6.7265770927008700853e4, 3.3430575583588128105e4, 2.5090809287301226727e3];
    private static readonly double[] CentralDenominator =
        [1.0, 4.2313330701600911252e1, 6.8718700749205790830e2, 5.3941960214247511077e3,
         2.1213794301586595867e4, 3.9307895800092710610e4, 2.8729085735721942674e4, 5.2264952788528545610e3];
    private static readonly double[] Intermediate =
        [1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0, 3.64784832476320460504e0,
         1.27045825245236838258e0, 2.41780725177450611770e-1, 2.27238449892691845833e-2, 7.74545014278341407640e-4];
    private static readonly double[] IntermediateDenominator =
        [1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
         1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4, 1.05075007164441684324e-9];
    private static readonly double[] Tail =
        [6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0, 2.96560571828504891230e-1,
         2.65321895265761230930e-2, 1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
    private static readonly double[] TailDenominator =
        [1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
         7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15];
}
