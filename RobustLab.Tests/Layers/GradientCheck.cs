using RobustLab.Engine.Layers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Layers;

/// <summary>
/// Central finite differences for a layer: the scalar f(x) = Σ r ⊙ layer(x) with a fixed random r,
/// so ∂f/∂x = Backward(r). Each evaluation builds a fresh layer from a deterministic factory, so
/// random masks (dropout) and random κ (randomized JumpReLU) are the same in every evaluation.
/// Also checks that <see cref="Layer.InputGradient"/> gives Backward's ∂f/∂x without touching parameter gradients.
/// </summary>
internal static class GradientCheck
{
    public const double Step = 1e-2;

    /// <summary>Checks ∂f/∂x and ∂f/∂θ for every parameter entry (or a sample of at most <paramref name="maxEntries"/>).</summary>
    public static void Check(Func<Layer> make, Tensor x, bool training, double tolerance = 1e-2, int maxEntries = 200, int seed = 1)
    {
        var rng = new Random(seed);
        var reference = make();
        var y = reference.Forward(x, training);
        var r = RandomLike(y, rng);
        var analyticX = reference.Backward(r)!.Clone();
        Assert.Equal(x.Shape, analyticX.Shape);

        // InputGradient: the same ∂f/∂x, with every parameter gradient left at zero.
        var inputOnly = make();
        inputOnly.Forward(x, training);
        Assert.Equal(analyticX.Data, inputOnly.InputGradient(r).Data);
        Assert.All(inputOnly.Parameters, p => Assert.All(p.Grad.Data, g => Assert.Equal(0f, g)));

        double F(Layer layer, Tensor input)
        {
            var output = layer.Forward(input, training);
            double s = 0;
            for (int i = 0; i < output.Length; i++) s += (double)output[i] * r[i];
            return s;
        }

        foreach (int i in Sample(x.Length, maxEntries, rng))
        {
            var xp = x.Clone(); xp[i] += (float)Step;
            var xm = x.Clone(); xm[i] -= (float)Step;
            double numeric = (F(make(), xp) - F(make(), xm)) / (2 * Step);
            AssertClose(numeric, analyticX[i], tolerance, $"{reference.Name} ∂f/∂x[{i}]");
        }

        for (int p = 0; p < reference.Parameters.Count; p++)
        {
            var analytic = reference.Parameters[p].Grad;
            foreach (int i in Sample(analytic.Length, maxEntries, rng))
            {
                var plus = make(); plus.Parameters[p].Value[i] += (float)Step;
                var minus = make(); minus.Parameters[p].Value[i] -= (float)Step;
                double numeric = (F(plus, x) - F(minus, x)) / (2 * Step);
                AssertClose(numeric, analytic[i], tolerance, $"{reference.Name} ∂f/∂{reference.Parameters[p].Name}[{i}]");
            }
        }
    }

    /// <summary>|numeric − analytic| ≤ atol + rtol·max(|numeric|, |analytic|), with atol = rtol/10.</summary>
    public static void AssertClose(double numeric, double analytic, double rtol, string what)
    {
        double error = Math.Abs(numeric - analytic), bound = rtol / 10 + rtol * Math.Max(Math.Abs(numeric), Math.Abs(analytic));
        Assert.True(error <= bound, $"{what}: analytic {analytic:G6} vs numeric {numeric:G6} (|error| {error:G3} > {bound:G3})");
    }

    public static Tensor RandomLike(Tensor t, Random rng)
    {
        var r = Tensor.ZerosLike(t);
        for (int i = 0; i < r.Length; i++) r[i] = (float)(rng.NextDouble() * 2 - 1);
        return r;
    }

    /// <summary>Uniform values in [lo, hi] that stay at least <paramref name="margin"/> away from every kink.</summary>
    public static Tensor AwayFromKinks(int[] shape, Random rng, float[] kinks, float lo = -2f, float hi = 2f, float margin = 0.05f)
    {
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++)
        {
            float v;
            do v = lo + (hi - lo) * rng.NextSingle();
            while (kinks.Any(k => MathF.Abs(v - k) < margin));
            t[i] = v;
        }
        return t;
    }

    /// <summary>Distinct values spaced ≥ 0.05 apart in random order: no ties in pooling windows.</summary>
    public static Tensor Distinct(int[] shape, Random rng)
    {
        var t = new Tensor(shape);
        var order = Enumerable.Range(0, t.Length).ToArray();
        rng.Shuffle(order);
        for (int i = 0; i < t.Length; i++) t[i] = 0.05f * (order[i] - t.Length / 2f);
        return t;
    }

    private static IEnumerable<int> Sample(int length, int max, Random rng) =>
        length <= max ? Enumerable.Range(0, length) : Enumerable.Range(0, max).Select(_ => rng.Next(length)).Distinct();
}
