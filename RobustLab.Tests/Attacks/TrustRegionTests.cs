using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Attacks;

/// <summary>Trust-region attack: walks straight to the nearest boundary of a linear model; comparable to DeepFool on MNIST.</summary>
public sealed class TrustRegionTests
{
    private static readonly Tensor Middle = new([0.5f, 0.5f, 0.5f, 0.5f], 1, 1, 2, 2);

    [Fact]
    public void Walks_along_w_to_the_boundary_of_a_linear_model()
    {
        // The linear model of the margin is exact, so ρ = 1 and the radius grows; every step is along w = w₁ − w₀ and the
        // overshoot applies to each step, so the walk ends just past the boundary: |f|/‖w‖ plus a fraction of the last step.
        var model = KnownAnswerTests.Linear2(out var w0, out var w1);
        var w = w1.Zip(w0, (a, b) => a - b).ToArray();
        var z = model.Logits(Middle);
        float exact = MathF.Abs(z[1] - z[0]) / MathF.Sqrt(w.Sum(v => v * v));

        var result = new TrustRegion(LpNorm.L2).Run(model, Middle, [0]);

        Assert.True(result.Success[0]);
        Assert.InRange(result.L2[0], exact, exact * 1.02f);
        var delta = Enumerable.Range(0, 4).Select(i => result.Adversarial[i] - 0.5f).ToArray();
        float cosine = delta.Zip(w, (a, b) => a * b).Sum() / (result.L2[0] * MathF.Sqrt(w.Sum(v => v * v)));
        Assert.True(cosine > 0.9999f, $"cos(δ, w) = {cosine}");
    }

    [Fact]
    public void Targets_the_nearest_boundary()
    {
        var result = new TrustRegion(LpNorm.L2).Run(DeepFoolTests.Linear3(), Middle, [0]);
        Assert.Equal(2, result.AdversarialPredictions[0]);
        Assert.InRange(result.L2[0], 0.125f, 0.125f * 1.02f);
    }

    [Theory]
    [InlineData(LpNorm.L2)]
    [InlineData(LpNorm.Linf)]
    public void Fools_most_mnist_images_with_perturbations_comparable_to_deepfool(LpNorm norm)
    {
        var model = new NetworkClassifier(TrainedModel.Load());
        var data = TrainedModel.MnistTest(16, offset: 300);
        var trustRegion = new TrustRegion(norm).Run(model, data.Images, data.Labels);
        var deepFool = new DeepFool(norm).Run(model, data.Images, data.Labels);

        var correct = Enumerable.Range(0, data.Count).Where(i => trustRegion.CleanPredictions[i] == data.Labels[i]).ToArray();
        Assert.True(correct.Count(i => trustRegion.Success[i]) >= correct.Length - 1, $"TR fooled {correct.Count(i => trustRegion.Success[i])} of {correct.Length}");
        var both = correct.Where(i => trustRegion.Success[i] && deepFool.Success[i]).ToArray();
        var (tr, df) = norm == LpNorm.L2 ? (trustRegion.L2, deepFool.L2) : (trustRegion.Linf, deepFool.Linf);
        float ratio = both.Average(i => tr[i]) / both.Average(i => df[i]);
        Assert.InRange(ratio, 0.5f, 1.25f);
    }
}
