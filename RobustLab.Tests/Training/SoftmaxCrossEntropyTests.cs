using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;
using RobustLab.Tests.Layers;

namespace RobustLab.Tests.Training;

public sealed class SoftmaxCrossEntropyTests
{
    [Fact]
    public void Uniform_logits_give_log_k()
    {
        var (loss, _) = SoftmaxCrossEntropy.Compute(new Tensor(3, 10), [0, 4, 9]);
        Assert.Equal(MathF.Log(10), loss, 5);
    }

    [Fact]
    public void Huge_logits_stay_finite()
    {
        var logits = new Tensor([1000f, -1000f, 0f], 1, 3);
        var (loss, grad) = SoftmaxCrossEntropy.Compute(logits, [1]);
        Assert.Equal(2000f, loss, 1);
        Assert.All(grad.Data, g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void Gradient_matches_finite_differences_with_example_weights()
    {
        var rng = new Random(1);
        var logits = GradientCheck.RandomLike(new Tensor(4, 5), rng);
        int[] labels = [0, 3, 4, 1];
        float[] weights = [1f, 0.3f, 0f, 2f];
        var (_, grad) = SoftmaxCrossEntropy.Compute(logits, labels, weights);
        for (int i = 0; i < logits.Length; i++)
        {
            var plus = logits.Clone(); plus[i] += 1e-2f;
            var minus = logits.Clone(); minus[i] -= 1e-2f;
            double numeric = (SoftmaxCrossEntropy.Compute(plus, labels, weights).Loss - SoftmaxCrossEntropy.Compute(minus, labels, weights).Loss) / 2e-2;
            GradientCheck.AssertClose(numeric, grad[i], 1e-2, $"∂L/∂z[{i}]");
        }
        // A zero-weight example contributes nothing.
        Assert.All(grad.Data.AsSpan(10, 5).ToArray(), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void Weighted_loss_is_the_weighted_mean()
    {
        var logits = new Tensor([2f, 0f, 0f, 2f], 2, 2);
        float l0 = SoftmaxCrossEntropy.Compute(logits.Slice(0, 1), [0]).Loss;
        float l1 = SoftmaxCrossEntropy.Compute(logits.Slice(1, 1), [0]).Loss;
        var (loss, _) = SoftmaxCrossEntropy.Compute(logits, [0, 0], [1f, 3f]);
        Assert.Equal((l0 + 3 * l1) / 4, loss, 5);
    }

    [Fact]
    public void Bad_labels_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxCrossEntropy.Compute(new Tensor(1, 3), [3]));
        Assert.Throws<ArgumentException>(() => SoftmaxCrossEntropy.Compute(new Tensor(2, 3), [0]));
    }
}
