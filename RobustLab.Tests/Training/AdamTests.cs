using RobustLab.Engine.Layers;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;

namespace RobustLab.Tests.Training;

/// <summary>The vectorised Adam step is bit-identical to the scalar formula (PyTorch semantics).</summary>
public sealed class AdamTests
{
    [Theory]
    [InlineData(0f)]
    [InlineData(0.01f)]
    public void Vector_step_equals_the_scalar_rule_bit_for_bit(float weightDecay)
    {
        var rng = new Random(5);
        var parameters = new[] { 37, 16, 5, 1 }.Select(n => new Parameter("p", new Tensor(n))).ToList();
        foreach (var p in parameters) for (int i = 0; i < p.Value.Length; i++) p.Value[i] = rng.NextSingle() - 0.5f;
        var expected = parameters.Select(p => p.Value.Data.ToArray()).ToArray();
        var m = parameters.Select(p => new float[p.Value.Length]).ToArray();
        var v = parameters.Select(p => new float[p.Value.Length]).ToArray();
        const float lr = 1e-3f, b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
        var adam = new Adam(parameters, lr, weightDecay: weightDecay);
        for (int t = 1; t <= 5; t++)
        {
            for (int k = 0; k < parameters.Count; k++)
                for (int i = 0; i < parameters[k].Grad.Length; i++) parameters[k].Grad[i] = rng.NextSingle() - 0.5f;
            adam.Step();
            float c1 = 1 - MathF.Pow(b1, t), c2 = 1 - MathF.Pow(b2, t), step = lr / c1, root = MathF.Sqrt(c2);
            for (int k = 0; k < parameters.Count; k++)
                for (int j = 0; j < expected[k].Length; j++)
                {
                    float g = parameters[k].Grad[j] + weightDecay * expected[k][j];
                    m[k][j] = b1 * m[k][j] + (1 - b1) * g;
                    v[k][j] = b2 * v[k][j] + (1 - b2) * g * g;
                    expected[k][j] -= step * m[k][j] / (MathF.Sqrt(v[k][j]) / root + eps);
                }
            for (int k = 0; k < parameters.Count; k++) Assert.Equal(expected[k], parameters[k].Value.Data);
        }
    }
}
