namespace RobustLab.Engine.Defenses;

// The regularized incomplete beta function I_x(a, b) = B(x; a, b)/B(a, b) and its inverse, for the
// Clopper–Pearson bound. I_x by its continued fraction (DLMF 8.17.22) evaluated with the modified Lentz
// method, using I_x(a,b) = 1 − I_{1−x}(b,a) where the fraction converges slowly; the inverse by bisection.

/// <summary>The regularized incomplete beta function, its inverse in x, and ln Γ.</summary>
public static class IncompleteBeta
{
    /// <summary>I_x(a, b) for a, b &gt; 0 and x ∈ [0,1].</summary>
    public static double Regularized(double a, double b, double x)
    {
        if (!(a > 0) || !(b > 0)) throw new ArgumentOutOfRangeException(nameof(a), $"I_x(a,b) needs a, b > 0, got a = {a}, b = {b}.");
        if (double.IsNaN(x) || x < 0 || x > 1) throw new ArgumentOutOfRangeException(nameof(x), $"I_x(a,b) needs x in [0,1], got {x}.");
        if (x == 0 || x == 1) return x;
        // x^a (1−x)^b / B(a,b), in logs.
        double front = Math.Exp(a * Math.Log(x) + b * Math.Log(1 - x) - LogBeta(a, b));
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(a, b, x) / a
            : 1 - front * ContinuedFraction(b, a, 1 - x) / b;
    }

    /// <summary>The x ∈ [0,1] with I_x(a, b) = p (the Beta(a, b) quantile), by bisection to full double precision.</summary>
    public static double Inverse(double a, double b, double p)
    {
        if (double.IsNaN(p) || p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), $"A probability must lie in [0,1], got {p}.");
        if (p == 0) return 0;
        if (p == 1) return 1;
        double lo = 0, hi = 1;
        while (true)
        {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) return mid;  // the interval is down to adjacent doubles
            if (Regularized(a, b, mid) < p) lo = mid; else hi = mid;
        }
    }

    /// <summary>ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).</summary>
    public static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7, 9 terms; ~1e-15 relative error).</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0)) throw new ArgumentOutOfRangeException(nameof(x), $"ln Γ(x) needs x > 0, got {x}.");
        if (x < 0.5) return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);  // reflection
        x -= 1;
        double sum = Lanczos[0];
        for (int i = 1; i < Lanczos.Length; i++) sum += Lanczos[i] / (x + i);
        double t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    private static readonly double[] Lanczos =
        [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
         12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];

    // 1/(1+ d₁/(1+ d₂/(1+ …))) with d₂ₘ₊₁ = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)), d₂ₘ = m(b−m)x / ((a+2m−1)(a+2m)).
    private static double ContinuedFraction(double a, double b, double x)
    {
        const double Tiny = 1e-300, Epsilon = 1e-15;
        double c = 1, d = Guard(1 - (a + b) * x / (a + 1)), f = d;
        for (int m = 1; m <= 100_000; m++)
        {
            double even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = Guard(1 + even * d);
            c = 1 + even / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            f *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = Guard(1 + odd * d);
            c = 1 + odd / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            double step = d * c;
            f *= step;
            if (Math.Abs(step - 1) < Epsilon) return f;
        }
        throw new ArithmeticException($"The incomplete beta continued fraction did not converge for a = {a}, b = {b}, x = {x}.");

        // Lentz: keep the running denominator away from 0, then invert it.
        static double Guard(double value) => 1 / (Math.Abs(value) < Tiny ? Tiny : value);
    }
}
