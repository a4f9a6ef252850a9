using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Attacks;

/// <summary>Carlini–Wagner L2: close to the exact minimum on a linear model, and smaller than DeepFool on MNIST.</summary>
public sealed class CarliniWagnerTests
{
    [Fact]
    public void Comes_within_five_percent_of_the_exact_minimum_on_a_linear_model()
    {
        var model = KnownAnswerTests.Linear2(out var w0, out var w1);
        var x = new Tensor([0.5f, 0.5f, 0.5f, 0.5f], 1, 1, 2, 2);
        var z = model.Logits(x);
        float exact = MathF.Abs(z[1] - z[0]) / MathF.Sqrt(w1.Zip(w0, (a, b) => (a - b) * (a - b)).Sum());

        var result = new CarliniWagner().Run(model, x, [0]);

        Assert.True(result.Success[0]);
        Assert.InRange(result.L2[0], exact - 1e-4f, exact * 1.05f); // no adversarial is closer than the boundary
    }

    [Fact]
    public void Fools_most_mnist_images_with_less_l2_than_deepfool()
    {
        var model = new NetworkClassifier(TrainedModel.Load());
        var data = TrainedModel.MnistTest(5);
        var cw = new CarliniWagner().Run(model, data.Images, data.Labels);
        var deepFool = new DeepFool(LpNorm.L2).Run(model, data.Images, data.Labels);

        Assert.True(cw.Success.Count(s => s) >= 4, $"C&W fooled {cw.Success.Count(s => s)} of 5");
        var both = Enumerable.Range(0, data.Count).Where(i => cw.Success[i] && deepFool.Success[i]).ToArray();
        float cwMean = both.Average(i => cw.L2[i]), deepFoolMean = both.Average(i => deepFool.L2[i]);
        Assert.True(cwMean < deepFoolMean, $"mean L2: C&W {cwMean:F3} vs DeepFool {deepFoolMean:F3}");
    }

    [Fact]
    public void A_finite_epsilon_keeps_the_result_in_the_l2_ball()
    {
        var model = new NetworkClassifier(TrainedModel.Load());
        var data = TrainedModel.MnistTest(2, offset: 50);
        var result = new CarliniWagner(epsilon: 0.5f, steps: 20, binarySearchSteps: 2).Run(model, data.Images, data.Labels);
        Assert.All(result.L2, d => Assert.True(d <= 0.5f + 1e-5f, $"‖δ‖₂ = {d}"));
        Assert.All(result.Adversarial.Data, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void Rejects_an_linf_budget()
    {
        var e = Assert.Throws<ArgumentException>(() => new CarliniWagner(LpNorm.Linf, 0.1f));
        Assert.Contains("L2", e.Message);
    }
}
