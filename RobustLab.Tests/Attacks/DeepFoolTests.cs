using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Layers;
using RobustLab.Engine.Models;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Attacks;

/// <summary>DeepFool: exact on linear models (Moosavi-Dezfooli et al. §3.1), nearest boundary among several, minimal on MNIST.</summary>
public sealed class DeepFoolTests
{
    private const float Eta = 0.02f;
    private const float Push = 1e-4f; // the authors' code adds 10⁻⁴ to each step length |f|/‖w‖
    private static readonly Tensor Middle = new([0.5f, 0.5f, 0.5f, 0.5f], 1, 1, 2, 2);

    /// <summary>
    /// A 3-class linear model on 1×2×2 inputs where, at x = ½, class 1 has the larger runner-up logit but class 2 the nearer
    /// boundary: z = (1, 0.6, 0.5); f₁ = −0.4 with ‖w₁ − w₀‖ = 2 (distance 0.2), f₂ = −0.5 with ‖w₂ − w₀‖ = 4 (distance 0.125).
    /// </summary>
    internal static NetworkClassifier Linear3()
    {
        var fc = new Linear("fc", 4, 3);
        float[] weights = [0, 0, 0, 0, /**/ 2, 0, 0, 0, /**/ 0, 4, 0, 0];
        weights.CopyTo(fc.Weight.Value.Data, 0);
        fc.Bias.Value[0] = 1f;
        fc.Bias.Value[1] = -0.4f;
        fc.Bias.Value[2] = -1.5f;
        return new NetworkClassifier(new Network("linear3", [1, 2, 2], [new Flatten("flatten"), fc]));
    }

    [Fact]
    public void L2_finds_the_exact_minimal_perturbation_of_a_linear_model_in_one_iteration()
    {
        // δ* = −f/‖w‖²·w with w = w₁ − w₀, f = z₁ − z₀: the orthogonal projection onto the boundary, lengthened by the
        // reference code's 10⁻⁴, then ×(1+η): x̃ = x + (1+η)(|f|/‖w‖ + 10⁻⁴)·w/‖w‖.
        var model = KnownAnswerTests.Linear2(out var w0, out var w1);
        var w = w1.Zip(w0, (a, b) => a - b).ToArray();
        var z = model.Logits(Middle);
        float f = z[1] - z[0], wSquared = w.Sum(v => v * v);
        Assert.True(f < 0, "x = ½ must start in class 0");

        var result = new DeepFool(LpNorm.L2, maxIterations: 1, overshoot: Eta).Run(model, Middle, [0]);

        float length = MathF.Sqrt(wSquared), step = MathF.Abs(f) / length + Push;
        for (int i = 0; i < 4; i++) Assert.Equal(0.5f + (1 + Eta) * step * w[i] / length, result.Adversarial[i], 6);
        Assert.Equal((1 + Eta) * step, result.L2[0], 6);
        Assert.True(result.Success[0], "x + (1+η)δ* must cross the boundary");
        var crossed = model.Logits(result.Adversarial);
        Assert.True(crossed[1] > crossed[0]);
    }

    [Fact]
    public void Linf_moves_every_pixel_by_f_over_the_l1_norm_of_w()
    {
        // §3.3 with q = 1: r = (|f|/‖w‖₁ + 10⁻⁴)·sign(w), so ‖δ‖∞ = (1+η)(|f|/‖w‖₁ + 10⁻⁴).
        var model = KnownAnswerTests.Linear2(out var w0, out var w1);
        var w = w1.Zip(w0, (a, b) => a - b).ToArray();
        var z = model.Logits(Middle);
        float step = (1 + Eta) * (MathF.Abs(z[1] - z[0]) / w.Sum(MathF.Abs) + Push);

        var result = new DeepFool(LpNorm.Linf, maxIterations: 1, overshoot: Eta).Run(model, Middle, [0]);

        for (int i = 0; i < 4; i++) Assert.Equal(0.5f + step * MathF.Sign(w[i]), result.Adversarial[i], 6);
        Assert.Equal(step, result.Linf[0], 6);
        Assert.True(result.Success[0]);
    }

    [Fact]
    public void Picks_the_nearest_boundary_not_the_runner_up_logit()
    {
        var model = Linear3();
        var all = new DeepFool(LpNorm.L2, overshoot: Eta).Run(model, Middle, [0]);
        Assert.Equal(2, all.AdversarialPredictions[0]);
        Assert.Equal((1 + Eta) * (0.125f + Push), all.L2[0], 6);
        Assert.Equal(0.5f, all.Adversarial[0], 6); // moved along w₂ − w₀ only
        // Restricted to the top-1 candidate (the reference code's num_classes), it goes to class 1, the larger logit.
        var top1 = new DeepFool(LpNorm.L2, overshoot: Eta, candidates: 1).Run(model, Middle, [0]);
        Assert.Equal(1, top1.AdversarialPredictions[0]);
        Assert.Equal((1 + Eta) * (0.2f + Push), top1.L2[0], 6);
    }

    [Theory]
    [InlineData(LpNorm.L2, 3f)]
    [InlineData(LpNorm.Linf, 0.3f)]
    public void Unbounded_fools_nearly_every_mnist_image_with_less_than_pgd_uses(LpNorm norm, float pgdEpsilon)
    {
        var model = new NetworkClassifier(TrainedModel.Load());
        var data = TrainedModel.MnistTest(32);
        var deepFool = new DeepFool(norm).Run(model, data.Images, data.Labels);
        var pgd = new Pgd(new ThreatModel(norm, pgdEpsilon), steps: 10, stepSize: pgdEpsilon / 4, randomStart: false).Run(model, data.Images, data.Labels);

        var correct = Enumerable.Range(0, data.Count).Where(i => deepFool.CleanPredictions[i] == data.Labels[i]).ToArray();
        Assert.True(correct.Count(i => deepFool.Success[i]) >= correct.Length - 1, $"DeepFool fooled {correct.Count(i => deepFool.Success[i])} of {correct.Length}");
        var size = norm == LpNorm.L2 ? deepFool.L2 : deepFool.Linf;
        var pgdSize = norm == LpNorm.L2 ? pgd.L2 : pgd.Linf;
        float deepFoolMean = correct.Where(i => deepFool.Success[i]).Average(i => size[i]);
        float pgdMean = correct.Where(i => pgd.Success[i]).Average(i => pgdSize[i]);
        Assert.True(deepFoolMean < pgdMean, $"mean ‖δ‖: DeepFool {deepFoolMean:F3} vs PGD {pgdMean:F3}");
    }

    [Fact]
    public void A_finite_epsilon_projects_the_unbounded_result_onto_the_ball()
    {
        var model = new NetworkClassifier(TrainedModel.Load());
        var data = TrainedModel.MnistTest(8, offset: 200);
        var unbounded = new DeepFool(LpNorm.L2).Run(model, data.Images, data.Labels);
        var bounded = new DeepFool(LpNorm.L2, epsilon: 1.5f).Run(model, data.Images, data.Labels);

        var expected = unbounded.Adversarial.Clone();
        NormMath.Project(expected, data.Images, LpNorm.L2, 1.5f);
        Assert.Equal(expected.Data, bounded.Adversarial.Data);
        Assert.Contains(unbounded.L2, d => d > 1.5f); // the ball really cuts some of them
    }
}
