using RobustLab.Engine.Defenses;
using RobustLab.Engine.Tensors;
using RobustLab.Tests.Attacks;

namespace RobustLab.Tests.Defenses;

/// <summary>Gaussian noise injection (Nemcovsky et al. §4.1): every input gets N(0, σ²) noise of the requested σ, seeded per step.</summary>
public sealed class NoiseInjectionTests
{
    private static float[] Noise(Tensor noisy, Tensor clean) => noisy.Data.Zip(clean.Data, (a, b) => a - b).ToArray();

    [Theory]
    [InlineData(0.1f)]
    [InlineData(0.5f)]
    public void Adds_zero_mean_noise_of_the_requested_sigma_to_every_example(float sigma)
    {
        var data = TrainedModel.MnistTest(64);
        var (images, labels, weights) = new NoiseInjection(sigma, seed: 3).Apply(TrainedModel.Load(), data.Images, data.Labels, step: 0);
        var noise = Noise(images, data.Images);
        double mean = noise.Average(v => (double)v);
        double std = Math.Sqrt(noise.Average(v => (v - mean) * (v - mean)));
        // 50,176 samples: standard errors σ/224 (mean) and σ/317 (standard deviation); the bounds are ~4 of them.
        Assert.InRange(mean, -0.02 * sigma, 0.02 * sigma);
        Assert.InRange(std, 0.987 * sigma, 1.013 * sigma);
        // Every example is noised (no clean example left over), and the noise is not clipped to the pixel box.
        for (int n = 0; n < 64; n++) Assert.Contains(noise.AsSpan(n * 784, 784).ToArray(), v => v != 0);
        Assert.Contains(images.Data, v => v < 0);
        Assert.Equal(data.Labels, labels);
        Assert.Null(weights);
    }

    [Fact]
    public void Noise_depends_only_on_seed_and_step()
    {
        var data = TrainedModel.MnistTest(4);
        var net = TrainedModel.Load();
        var a = new NoiseInjection(0.2f, seed: 1).Apply(net, data.Images, data.Labels, 5).Images;
        var b = new NoiseInjection(0.2f, seed: 1).Apply(net, data.Images, data.Labels, 5).Images;
        var c = new NoiseInjection(0.2f, seed: 1).Apply(net, data.Images, data.Labels, 6).Images;
        var d = new NoiseInjection(0.2f, seed: 2).Apply(net, data.Images, data.Labels, 5).Images;
        Assert.Equal(a.Data, b.Data);
        Assert.NotEqual(a.Data, c.Data);
        Assert.NotEqual(a.Data, d.Data);
        Assert.Equal(data.Images.Data, new NoiseInjection(0f).Apply(net, data.Images, data.Labels, 5).Images.Data);
    }

    [Fact]
    public void Composes_with_adversarial_training_noising_clean_and_adversarial_examples_and_keeping_the_weights()
    {
        // Nemcovsky eq. (23), CNI-I+W: adversarial examples first, then fresh noise on every example of the paired batch.
        var data = TrainedModel.MnistTest(32);
        var net = TrainedModel.Load();
        var adversarial = AdversarialTraining.FromCatalog("fgsm", options: AdversarialTrainingOptions.Paired(0.5f, seed: 1));
        var inner = adversarial.Rewrite(net, data.Images, data.Labels, 2);
        var (images, labels, weights) = new NoiseInjection(0.3f, seed: 4, adversarial.BatchTransform).Apply(net, data.Images, data.Labels, 2);

        Assert.Equal(inner.Labels, labels);
        Assert.Equal(inner.Weights, weights);
        Assert.Equal(64, images.N);
        var noise = Noise(images, inner.Images);
        double std = Math.Sqrt(noise.Average(v => (double)v * v));
        Assert.InRange(std, 0.3 * 0.98, 0.3 * 1.02);
        Assert.Contains(noise.AsSpan(32 * 784).ToArray(), v => v != 0); // the adversarial half is noised too
    }

    [Fact]
    public void Rejects_a_negative_sigma() => Assert.Throws<ArgumentException>(() => new NoiseInjection(-0.1f));
}
