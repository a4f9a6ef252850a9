using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Layers;
using RobustLab.Engine.Models;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Attacks;

/// <summary>Attacks on a linear classifier z = W·x + b, where the answers are known in closed form.</summary>
public sealed class KnownAnswerTests
{
    /// <summary>A 2-class linear model on 1×2×2 inputs with hand-set weights.</summary>
    internal static NetworkClassifier Linear2(out float[] w0, out float[] w1)
    {
        var fc = new Linear("fc", 4, 2);
        w0 = [0.5f, -1f, 2f, 0.25f];
        w1 = [-0.5f, 1f, -1f, 0.75f];
        w0.CopyTo(fc.Weight.Value.Data, 0);
        w1.CopyTo(fc.Weight.Value.Data, 4);
        fc.Bias.Value[0] = 0.1f;
        fc.Bias.Value[1] = -0.2f;
        return new NetworkClassifier(new Network("linear", [1, 2, 2], [new Flatten("flatten"), fc]));
    }

    [Fact]
    public void Fgsm_equals_the_closed_form_on_a_linear_model()
    {
        // For label 0, ∇ₓJ = (p₁)(w₁ − w₀) with p₁ > 0, so sign(∇J) = sign(w₁ − w₀) and x̃ = clip(x + ε·sign(w₁ − w₀)).
        var model = Linear2(out var w0, out var w1);
        var x = new Tensor([0.5f, 0.5f, 0.5f, 0.5f], 1, 1, 2, 2);
        var result = new Fgsm(0.1f).Run(model, x, [0]);
        for (int i = 0; i < 4; i++)
            Assert.Equal(0.5f + 0.1f * MathF.Sign(w1[i] - w0[i]), result.Adversarial[i], 6);
    }

    [Fact]
    public void Fast_grad_l2_moves_exactly_epsilon_along_the_normal()
    {
        var model = Linear2(out var w0, out var w1);
        var x = new Tensor([0.5f, 0.5f, 0.5f, 0.5f], 1, 1, 2, 2);
        var result = new Fgsm(0.2f, LpNorm.L2).Run(model, x, [0]);
        var d = w1.Zip(w0, (a, b) => a - b).ToArray();
        float norm = MathF.Sqrt(d.Sum(v => v * v));
        for (int i = 0; i < 4; i++) Assert.Equal(0.5f + 0.2f * d[i] / norm, result.Adversarial[i], 5);
        Assert.Equal(0.2f, result.L2[0], 5);
    }

    [Theory]
    [InlineData(LpNorm.Linf, 0.1f)]
    [InlineData(LpNorm.L2, 0.5f)]
    public void Pgd_with_one_step_and_no_random_start_equals_fgsm(LpNorm norm, float epsilon)
    {
        var model = new NetworkClassifier(TrainedModel.Load());
        var data = TrainedModel.MnistTest(16);
        var fgsm = new Fgsm(epsilon, norm).Run(model, data.Images, data.Labels);
        var pgd = new Pgd(new ThreatModel(norm, epsilon), steps: 1, stepSize: epsilon, randomStart: false).Run(model, data.Images, data.Labels);
        Assert.Equal(fgsm.Adversarial.Data, pgd.Adversarial.Data);
    }

    [Fact]
    public void Projection_keeps_l2_and_linf_balls_and_the_pixel_box()
    {
        var rng = new Random(3);
        var clean = new Tensor(4, 1, 5, 5);
        var adversarial = new Tensor(4, 1, 5, 5);
        for (int i = 0; i < clean.Length; i++) { clean[i] = rng.NextSingle(); adversarial[i] = clean[i] + 3 * (rng.NextSingle() - 0.5f); }
        var l2 = adversarial.Clone();
        NormMath.Project(l2, clean, LpNorm.L2, 0.7f);
        Assert.All(NormMath.Distance(l2, clean, LpNorm.L2), d => Assert.True(d <= 0.7f + 1e-6f));
        var linf = adversarial.Clone();
        NormMath.Project(linf, clean, LpNorm.Linf, 0.05f);
        Assert.All(NormMath.Distance(linf, clean, LpNorm.Linf), d => Assert.True(d <= 0.05f + 1e-6f));
        Assert.All(l2.Data.Concat(linf.Data), v => Assert.InRange(v, 0f, 1f));
    }
}
