using RobustLab.Engine.Layers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Layers;

/// <summary>Conv2d's lane-major fast path against its im2col path (the oracle): forward, backward, input gradient.</summary>
[Collection(ThreadCountCollection.Name)]
public sealed class Conv2dLaneTests
{
    public static TheoryData<int, int, int, int, int, int, int> Shapes => new()
    {
        // N, C, O, k, padding, H, W
        { 17, 1, 10, 5, 0, 28, 28 },   // lenet conv1, ragged batch
        { 33, 10, 20, 5, 0, 12, 12 },  // lenet conv2
        { 128, 1, 10, 5, 0, 28, 28 },
        { 96, 10, 20, 5, 0, 12, 12 },
        { 16, 3, 4, 3, 1, 7, 6 },      // padding, M < 5 for the input gradient
        { 20, 2, 7, 3, 2, 5, 9 },      // padding k−1
        { 40, 6, 16, 5, 0, 14, 14 },   // borji-cifar conv2
        { 3, 3, 6, 5, 0, 10, 11 },     // tiny batch, forced
        { 20, 3, 4, 5, 2, 9, 8 },      // few channels, rows of 8: the sliding-window input gradient, with padding
    };

    [Theory]
    [InlineData(false, 64)]
    [InlineData(false, 24)]
    [InlineData(false, 300)]
    [InlineData(true, 64)]
    public void The_parameter_gradients_do_not_depend_on_the_thread_count(bool lanes, int n)
    {
        // Training is reproducible across machines with different core counts only if dW is summed in an order fixed by the
        // batch: the im2col path (no Vector512, as on many CI machines) once summed per thread chunk.
        var x = GradientCheck.RandomLike(new Tensor(n, 10, 12, 12), new Random(n));
        float[] Gradient(int threads)
        {
            int saved = Parallelism.Threads;
            try
            {
                Parallelism.Threads = threads;
                var conv = new Conv2d("conv", 10, 20, 5, rng: new Random(5)) { UseLanes = lanes };
                var y = conv.Forward(x, true);
                conv.Backward(GradientCheck.RandomLike(y, new Random(9)));
                return [.. conv.Weight.Grad.Data, .. conv.Bias.Grad.Data];
            }
            finally
            {
                Parallelism.Threads = saved;
            }
        }
        var one = Gradient(1);
        Assert.Equal(one, Gradient(2));
        Assert.Equal(one, Gradient(7));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Lane_path_matches_im2col_path(int n, int c, int o, int k, int p, int h, int w)
    {
        var x = GradientCheck.RandomLike(new Tensor(n, c, h, w), new Random(n + c + o));
        var fast = new Conv2d("conv", c, o, k, padding: p, rng: new Random(5)) { UseLanes = true };
        var slow = new Conv2d("conv", c, o, k, padding: p, rng: new Random(5)) { UseLanes = false };
        var yFast = fast.Forward(x, true).Clone();
        var ySlow = slow.Forward(x, true).Clone();
        AssertClose(ySlow.Data, yFast.Data, "y");

        var dy = GradientCheck.RandomLike(ySlow, new Random(9));
        var dxFast = fast.Backward(dy)!.Clone();
        var dxSlow = slow.Backward(dy)!.Clone();
        AssertClose(dxSlow.Data, dxFast.Data, "dx");
        // dW and db sum N·Ho·Wo products: compare both paths with a double-precision sum, within 1e-6·Σ|terms|.
        var (dw, dwScale, db, dbScale) = ReferenceParameterGradients(x, dy, k, p);
        foreach (var conv in new[] { fast, slow })
        {
            AssertWithin(dw, dwScale, conv.Weight.Grad.Data, "dW");
            AssertWithin(db, dbScale, conv.Bias.Grad.Data, "db");
        }

        // A second step with a different batch reuses the buffers: a weight-only backward (compact dy layout), then
        // the input gradient (bordered layout again) — which leaves the parameter gradients alone.
        var x2 = GradientCheck.RandomLike(x, new Random(11));
        fast.Forward(x2, false);
        slow.Forward(x2, false);
        Assert.Null(fast.Backward(dy, needInputGradient: false));
        slow.Backward(dy, needInputGradient: false);
        AssertClose(slow.Weight.Grad.Data, fast.Weight.Grad.Data, "dW (second step)");
        var before = fast.Weight.Grad.Clone();
        var gFast = fast.InputGradient(dy).Clone();
        var gSlow = slow.InputGradient(dy).Clone();
        AssertClose(gSlow.Data, gFast.Data, "input gradient");
        Assert.Equal(before.Data, fast.Weight.Grad.Data);
    }

    [Fact]
    public void Lane_buffers_reused_for_a_smaller_batch_give_the_same_results()
    {
        var fast = new Conv2d("conv", 3, 7, 5, padding: 1, rng: new Random(6)) { UseLanes = true };
        foreach (int n in new[] { 70, 17, 70 }) // 96 lanes, then 32 in the same (larger) buffers, then 96 again
        {
            var slow = new Conv2d("conv", 3, 7, 5, padding: 1, rng: new Random(6)) { UseLanes = false };
            var x = GradientCheck.RandomLike(new Tensor(n, 3, 9, 12), new Random(n));
            AssertClose(slow.Forward(x, false).Data, fast.Forward(x, false).Data, $"y (N={n})");
            var dy = GradientCheck.RandomLike(slow.Forward(x, false), new Random(n + 1));
            AssertClose(slow.InputGradient(dy).Data, fast.InputGradient(dy).Data, $"dx (N={n})");
        }
    }

    [Fact]
    public void Lane_path_does_not_depend_on_the_thread_count()
    {
        var x = GradientCheck.RandomLike(new Tensor(64, 10, 12, 12), new Random(3));
        float[][] Run(int threads)
        {
            int saved = Parallelism.Threads;
            try
            {
                Parallelism.Threads = threads;
                var conv = new Conv2d("conv", 10, 20, 5, rng: new Random(4)) { UseLanes = true };
                var y = conv.Forward(x, true).Clone();
                var dx = conv.Backward(GradientCheck.RandomLike(y, new Random(5)))!.Clone();
                return [y.Data, dx.Data, conv.Weight.Grad.Data.ToArray()];
            }
            finally
            {
                Parallelism.Threads = saved;
            }
        }
        var one = Run(1);
        var two = Run(2);
        for (int i = 0; i < one.Length; i++) Assert.Equal(one[i], two[i]);
    }

    // dW[o,c,a,b] = Σ_{n,i,j} dy[n,o,i,j]·x[n,c,i−p+a,j−p+b] and db[o] = Σ dy[n,o,·,·], in double, with Σ|terms|.
    private static (double[] Dw, double[] DwScale, double[] Db, double[] DbScale) ReferenceParameterGradients(Tensor x, Tensor dy, int k, int p)
    {
        int n = x.N, c = x.Shape[1], h = x.Shape[2], w = x.Shape[3], o = dy.Shape[1], ho = dy.Shape[2], wo = dy.Shape[3];
        var dw = new double[o * c * k * k];
        var dwScale = new double[dw.Length];
        var db = new double[o];
        var dbScale = new double[o];
        for (int e = 0; e < n; e++)
            for (int oc = 0; oc < o; oc++)
                for (int i = 0; i < ho; i++)
                    for (int j = 0; j < wo; j++)
                    {
                        double g = dy[((e * o + oc) * ho + i) * wo + j];
                        db[oc] += g;
                        dbScale[oc] += Math.Abs(g);
                        for (int ch = 0; ch < c; ch++)
                            for (int a = 0; a < k; a++)
                                for (int b = 0; b < k; b++)
                                {
                                    int ih = i - p + a, iw = j - p + b;
                                    if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                                    double t = g * x[((e * c + ch) * h + ih) * w + iw];
                                    int idx = ((oc * c + ch) * k + a) * k + b;
                                    dw[idx] += t;
                                    dwScale[idx] += Math.Abs(t);
                                }
                    }
        return (dw, dwScale, db, dbScale);
    }

    private static void AssertWithin(double[] expected, double[] scale, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6 * scale[i] + 1e-6, $"{what}[{i}]: {actual[i]} vs {expected[i]} (Σ|terms| {scale[i]})");
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= 1e-4f * (1 + MathF.Abs(expected[i])), $"{what}[{i}]: {actual[i]} vs {expected[i]}");
    }
}
