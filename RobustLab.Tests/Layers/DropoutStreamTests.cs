using RobustLab.Engine.Layers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Layers;

/// <summary>Dropout's counter-based mask stream: vector and scalar draws agree, the keep rate is 1−p, and a seed reproduces it.</summary>
public sealed class DropoutStreamTests
{
    [Fact]
    public void Vector_draws_equal_scalar_draws_and_each_element_depends_only_on_its_index()
    {
        var full = new float[1000];
        Dropout.FillMask(full, 0.3f, 12345);
        for (int n = 0; n <= 40; n++)
        {
            var prefix = new float[n]; // lengths < 16 take only the scalar loop
            Dropout.FillMask(prefix, 0.3f, 12345);
            Assert.Equal(full.AsSpan(0, n).ToArray(), prefix);
        }
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.1f)]
    [InlineData(0.5f)]
    [InlineData(0.9f)]
    public void Keep_rate_is_one_minus_p_and_kept_entries_are_scaled(float p)
    {
        var mask = new float[1 << 20];
        Dropout.FillMask(mask, p, Dropout.SplitMix64(7));
        float scale = 1f / (1 - p);
        Assert.All(mask, m => Assert.True(m == 0f || m == scale));
        double kept = mask.Count(m => m != 0f) / (double)mask.Length;
        Assert.InRange(kept, 1 - p - 0.003, 1 - p + 0.003);
    }

    [Fact]
    public void Same_seed_same_masks_new_mask_every_call_different_seed_different_masks()
    {
        var x = new Tensor(4, 300);
        Array.Fill(x.Data, 1f);
        float[][] Masks(int seed)
        {
            var d = new Dropout("drop", 0.5f, seed);
            return [d.Forward(x, true).Data.ToArray(), d.Forward(x, true).Data.ToArray()];
        }
        var a = Masks(1);
        var b = Masks(1);
        var c = Masks(2);
        Assert.Equal(a[0], b[0]);
        Assert.Equal(a[1], b[1]);
        Assert.NotEqual(a[0], a[1]);
        Assert.NotEqual(a[0], c[0]);
    }
}
