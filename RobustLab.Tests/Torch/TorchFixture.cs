using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Torch;

/// <summary>Shared helpers of the libtorch tests: seeded random tensors and the agreement measure.</summary>
internal static class TorchFixture
{
    /// <summary>Uniform values in [lo, hi), from a fixed seed.</summary>
    public static Tensor Uniform(int seed, float lo, float hi, params int[] shape)
    {
        var rng = new Random(seed);
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t[i] = lo + (hi - lo) * rng.NextSingle();
        return t;
    }

    /// <summary>max |a − b| / max(1e-12, max |b|): the largest difference relative to the reference's scale.</summary>
    public static double RelativeError(Tensor a, Tensor b)
    {
        Assert.Equal(b.Shape, a.Shape);
        double diff = 0, scale = 1e-12;
        for (int i = 0; i < a.Length; i++)
        {
            diff = Math.Max(diff, Math.Abs(a[i] - b[i]));
            scale = Math.Max(scale, Math.Abs(b[i]));
        }
        return diff / scale;
    }

    public static void AssertClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        double e = RelativeError(actual, expected);
        Assert.True(e <= tolerance, $"{what}: relative difference {e:G3} > {tolerance:G3}.");
    }
}
