using RobustLab.Engine.Attacks;

namespace RobustLab.Engine.Defenses;

/// <summary>Samples of a normal distribution truncated to an interval, and Kurakin et al.'s per-example ε (§3).</summary>
/// <remarks>
/// Truncation by rejection: draw z ~ N(μ, σ²) until z ∈ [low, high] (exact; cheap for the ±2σ intervals used here).
/// Kurakin §3: ε = |z| with z ~ N(0, σ²) truncated to [−2σ, 2σ] — TensorFlow's tf.abs(tf.truncated_normal(stddev=σ)) —
/// so ε is half-normal on [0, 2σ] (σ = 8, ε ∈ [0, 16] in 0–255 units on ImageNet).
/// </remarks>
public static class TruncatedNormal
{
    /// <summary>One draw of N(<paramref name="mean"/>, <paramref name="sigma"/>²) conditioned on [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static float Sample(Random rng, float mean, float sigma, float low, float high)
    {
        if (!(sigma >= 0) || !float.IsFinite(sigma)) throw new ArgumentException($"σ must be finite and ≥ 0, got {sigma}.");
        if (!(low <= high)) throw new ArgumentException($"Empty interval [{low}, {high}].");
        if (sigma == 0) return Math.Clamp(mean, low, high);
        // NOTE: rejection needs the interval to carry real probability mass; refuse intervals more than 6σ away from the mean.
        if (low > mean + 6 * sigma || high < mean - 6 * sigma)
            throw new ArgumentException($"[{low}, {high}] lies in the far tail of N({mean}, {sigma}²).");
        while (true)
        {
            float z = mean + sigma * Pgd.Gaussian(rng);
            if (z >= low && z <= high) return z;
        }
    }

    /// <summary>Kurakin §3: ε = |z|, z ~ N(0, σ²) truncated to [−2σ, 2σ]; ε ∈ [0, 2σ].</summary>
    public static float KurakinEpsilon(Random rng, float sigma) => MathF.Abs(Sample(rng, 0f, sigma, -2 * sigma, 2 * sigma));

    /// <summary>E[ε] of <see cref="KurakinEpsilon"/>: σ·√(2/π)·(1 − e^(−2)) / erf(√2).</summary>
    public static double KurakinEpsilonMean(double sigma) => sigma * Math.Sqrt(2 / Math.PI) * (1 - Math.Exp(-2)) / 0.9544997361036416;
}
