using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Layers;

/// <summary>PyTorch's default initialisation for Conv2d and Linear.</summary>
/// <remarks>
/// kaiming_uniform_(a=√5) gives weights U(−1/√fan_in, 1/√fan_in); biases use the same bound.
/// Drawing from a seeded <see cref="Random"/> makes a fresh model reproducible.
/// </remarks>
internal static class Init
{
    public static void Uniform(Tensor t, float bound, Random rng)
    {
        var d = t.Data;
        for (int i = 0; i < d.Length; i++) d[i] = (float)((rng.NextDouble() * 2 - 1) * bound);
    }

    public static float FanInBound(int fanIn) => 1f / MathF.Sqrt(fanIn);
}
