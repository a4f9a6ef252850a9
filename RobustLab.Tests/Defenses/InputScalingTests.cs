using RobustLab.Engine.Attacks;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;
using RobustLab.Tests.Attacks;

namespace RobustLab.Tests.Defenses;

/// <summary>Input scaling (Borji Fig. 7): what the model sees with and without clipping, and the gradient through it.</summary>
public sealed class InputScalingTests
{
    // Pixels 0.1 and 0.3 stay inside [0,1] after ×3; 0.45 and 0.8 are clipped to 1.
    private static Tensor X() => new([0.1f, 0.45f, 0.3f, 0.8f], 1, 1, 2, 2);

    private static float Loss(InputScaling model, Tensor x, int label)
    {
        var p = SoftmaxCrossEntropy.Softmax(model.Logits(x));
        return -MathF.Log(p[label]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Gradient_matches_central_differences(bool clip)
    {
        var model = new InputScaling(KnownAnswerTests.Linear2(out _, out _), 3f, clip);
        var x = X();
        var (gradient, _) = model.InputGradient(x, Losses.CrossEntropy([0]));
        const float H = 1e-3f;
        for (int i = 0; i < 4; i++)
        {
            var plus = x.Clone(); plus[i] += H;
            var minus = x.Clone(); minus[i] -= H;
            float numeric = (Loss(model, plus, 0) - Loss(model, minus, 0)) / (2 * H);
            Assert.Equal(numeric, gradient[i], 1e-3);
        }
    }

    [Fact]
    public void Clipping_feeds_the_model_the_clipped_input_and_zeroes_the_gradient_of_clipped_pixels()
    {
        var inner = KnownAnswerTests.Linear2(out _, out _);
        var x = X();
        var clipped = new InputScaling(inner, 3f, clip: true);
        var unclipped = new InputScaling(inner, 3f, clip: false);

        var seenClipped = new Tensor(x.Data.Select(v => Math.Min(3f * v, 1f)).ToArray(), x.Shape);
        var seenUnclipped = new Tensor(x.Data.Select(v => 3f * v).ToArray(), x.Shape);
        Assert.Equal(inner.Logits(seenClipped).Data, clipped.Logits(x).Data);
        Assert.Equal(inner.Logits(seenUnclipped).Data, unclipped.Logits(x).Data);
        Assert.Equal([1f, 1f], seenClipped.Data.Where((_, i) => i % 2 == 1));   // 0.45 and 0.8 clipped

        var loss = Losses.CrossEntropy([0]);
        var (g, _) = clipped.InputGradient(x, loss);
        var (inside, _) = inner.InputGradient(seenClipped, loss);
        Assert.Equal([3 * inside[0], 0f, 3 * inside[2], 0f], g.Data);
        var (gu, _) = unclipped.InputGradient(x, loss);
        Assert.All(gu.Data, v => Assert.NotEqual(0f, v));
    }

    [Fact]
    public void Scale_one_with_clipping_is_the_base_model_on_pixels()
    {
        var inner = new Engine.Classifiers.NetworkClassifier(TrainedModel.Load());
        var data = TrainedModel.MnistTest(8);
        var scaled = new InputScaling(inner, 1f);
        Assert.Equal(inner.Logits(data.Images).Data, scaled.Logits(data.Images).Data);
        var loss = Losses.CrossEntropy(data.Labels);
        Assert.Equal(inner.InputGradient(data.Images, loss).Gradient.Data, scaled.InputGradient(data.Images, loss).Gradient.Data);
    }

    [Fact]
    public void Invalid_scales_are_rejected()
    {
        var inner = KnownAnswerTests.Linear2(out _, out _);
        Assert.Throws<ArgumentOutOfRangeException>(() => new InputScaling(inner, 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InputScaling(inner, float.PositiveInfinity));
    }
}
