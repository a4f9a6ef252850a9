using RobustLab.Engine.Layers;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;

namespace RobustLab.Tests.Training;

/// <summary>SGD and Adam against hand-computed steps with PyTorch's update rules.</summary>
public sealed class OptimizerTests
{
    [Fact]
    public void Sgd_with_momentum_and_weight_decay_follows_pytorch()
    {
        var p = new Parameter("w", new Tensor([1f], 1));
        var sgd = new Sgd([p], learningRate: 0.1f, momentum: 0.9f, weightDecay: 0.01f);
        p.Grad[0] = 0.5f;
        sgd.Step();
        // g = 0.5 + 0.01·1 = 0.51; v = g; θ = 1 − 0.1·0.51
        Assert.Equal(0.949f, p.Value[0], 6);
        sgd.Step();
        // g = 0.5 + 0.01·0.949 = 0.50949; v = 0.9·0.51 + 0.50949 = 0.96849; θ = 0.949 − 0.096849
        Assert.Equal(0.852151f, p.Value[0], 5);
    }

    [Fact]
    public void Plain_sgd_is_gradient_descent()
    {
        var p = new Parameter("w", new Tensor([2f, -1f], 2));
        var sgd = new Sgd([p], learningRate: 0.5f);
        p.Grad[0] = 1f;
        p.Grad[1] = -4f;
        sgd.Step();
        Assert.Equal([1.5f, 1f], p.Value.Data);
    }

    [Fact]
    public void Adam_first_steps_follow_the_bias_corrected_rule()
    {
        var p = new Parameter("w", new Tensor([1f, 1f, 1f], 3));
        var adam = new Adam([p], learningRate: 0.01f);
        float[] g1 = [0.3f, -2f, 1e-3f], g2 = [0.1f, 1f, 1e-3f];
        g1.CopyTo(p.Grad.Data, 0);
        adam.Step();
        // Step 1: m̂ = g, v̂ = g², so θ moves by η·g/(|g| + ε) ≈ η·sign(g).
        for (int i = 0; i < 3; i++) Assert.Equal(1f - 0.01f * MathF.Sign(g1[i]), p.Value[i], 5);
        g2.CopyTo(p.Grad.Data, 0);
        adam.Step();
        for (int i = 0; i < 3; i++)
        {
            double m = 0.9 * 0.1 * g1[i] + 0.1 * g2[i], v = 0.999 * 0.001 * g1[i] * g1[i] + 0.001 * g2[i] * g2[i];
            double mHat = m / (1 - 0.81), vHat = v / (1 - 0.998001);
            double expected = 1 - 0.01 * Math.Sign(g1[i]) - 0.01 * mHat / (Math.Sqrt(vHat) + 1e-8);
            Assert.Equal(expected, p.Value[i], 5);
        }
    }

    [Fact]
    public void Learning_rate_must_be_positive()
    {
        var p = new Parameter("w", new Tensor(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([p], learningRate: 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([p], learningRate: float.NaN));
    }
}
