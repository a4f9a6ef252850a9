namespace RobustLab.Engine.Defenses;

// Clopper & Pearson 1934 exact binomial confidence bounds, as Cohen et al. 2019 (§3.2, LowerConfBound) use them:
// with k successes in n trials, the one-sided (1−α) lower bound on p is the α quantile of Beta(k, n−k+1)
// (0 when k = 0), and the upper bound the 1−α quantile of Beta(k+1, n−k) (1 when k = n).

/// <summary>Exact one-sided binomial confidence bounds.</summary>
public static class ClopperPearson
{
    /// <summary>p̲ with P(Bin(n, p̲) ≥ k) = α: p ≥ p̲ with confidence 1 − α.</summary>
    public static double Lower(int k, int n, double alpha)
    {
        Check(k, n, alpha);
        return k == 0 ? 0 : IncompleteBeta.Inverse(k, n - k + 1, alpha);
    }

    /// <summary>p̄ with P(Bin(n, p̄) ≤ k) = α: p ≤ p̄ with confidence 1 − α.</summary>
    public static double Upper(int k, int n, double alpha)
    {
        Check(k, n, alpha);
        return k == n ? 1 : IncompleteBeta.Inverse(k + 1, n - k, 1 - alpha);
    }

    private static void Check(int k, int n, double alpha)
    {
        if (n < 1 || k < 0 || k > n) throw new ArgumentOutOfRangeException(nameof(k), $"Need 0 ≤ k ≤ n and n ≥ 1, got k = {k}, n = {n}.");
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), $"α must lie in (0,1), got {alpha}.");
    }
}
