using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Layers.Activations;
using RobustLab.Tests.Attacks;

namespace RobustLab.Tests.Defenses;

/// <summary>EPGD (Nemcovsky et al. §4.2) and EOT: the averaged gradient, and the reduction to PGD.</summary>
public sealed class EpgdTests
{
    [Theory]
    [InlineData(LpNorm.Linf, 0.2f)]
    [InlineData(LpNorm.L2, 2f)]
    public void Epgd_with_one_sample_against_sigma_zero_smoothing_equals_pgd(LpNorm norm, float epsilon)
    {
        var data = TrainedModel.MnistTest(16);
        var threat = new ThreatModel(norm, epsilon);
        var context = new AttackContext(Seed: 9);
        var smoothed = new RandomizedSmoothing(new NetworkClassifier(TrainedModel.Load()), sigma: 0f, samples: 8);
        var epgd = new Epgd(threat, steps: 5, stepSize: epsilon / 4, samples: 1).Run(smoothed, data.Images, data.Labels, context);
        var pgd = new Pgd(threat, steps: 5, stepSize: epsilon / 4).Run(new NetworkClassifier(TrainedModel.Load()), data.Images, data.Labels, context);
        Assert.Equal(pgd.Adversarial.Data, epgd.Adversarial.Data);
    }

    [Fact]
    public void Eot_gradient_is_the_mean_of_m_gradients_of_a_randomized_jumprelu_model()
    {
        const int M = 3;
        var data = TrainedModel.MnistTest(8, offset: 20);
        var loss = Losses.CrossEntropy(data.Labels);
        NetworkClassifier Randomized()
        {
            var network = TrainedModel.Load();
            network.Retrofit(new RandomizedJumpReLU(1.5f, seed: 7));
            return new NetworkClassifier(network);
        }

        var (actual, _) = new ExpectationOverTransformation(Randomized(), M).InputGradient(data.Images, loss);

        // The same network and seeds replay the same κ draws, one per forward pass.
        var replay = Randomized();
        var draws = Enumerable.Range(0, M).Select(_ => replay.InputGradient(data.Images, loss).Gradient).ToArray();
        Assert.NotEqual(draws[0].Data, draws[1].Data);
        for (int i = 0; i < actual.Length; i++)
            Assert.Equal(draws.Average(g => (double)g[i]), actual[i], 6);
    }

    [Fact]
    public void Eot_with_one_sample_is_the_model_itself()
    {
        var data = TrainedModel.MnistTest(4);
        var loss = Losses.CrossEntropy(data.Labels);
        var expected = new NetworkClassifier(TrainedModel.Load()).InputGradient(data.Images, loss);
        var actual = new ExpectationOverTransformation(new NetworkClassifier(TrainedModel.Load()), 1).InputGradient(data.Images, loss);
        Assert.Equal(expected.Gradient.Data, actual.Gradient.Data);
        Assert.Equal(expected.Logits.Data, actual.Logits.Data);
    }

    [Fact]
    public void Catalog_builds_epgd_with_the_settings_samples()
    {
        // The default step is PGD's: α = 0.01 under L∞ (the JumpReLU paper's §4 setting).
        var epgd = Assert.IsType<Epgd>(AttackCatalog.Create("epgd", new AttackSettings(Epsilon: 0.1f, Samples: 6)));
        Assert.Equal((6, 40, 0.01f, true), (epgd.Samples, epgd.Steps, epgd.StepSize, epgd.RandomStart));
    }
}
