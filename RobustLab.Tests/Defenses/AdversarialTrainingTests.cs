using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;
using RobustLab.Tests.Attacks;

namespace RobustLab.Tests.Defenses;

/// <summary>Kurakin et al.'s mixed-batch adversarial training (§3): what one rewritten batch holds, eq. (1), the ε distribution and the delay.</summary>
public sealed class AdversarialTrainingTests
{
    private const float Lambda = 0.3f;

    private static AdversarialTraining Fgsm(AdversarialTrainingOptions? options = null) =>
        AdversarialTraining.FromCatalog("fgsm", new AttackSettings(), options ?? new AdversarialTrainingOptions(Lambda: Lambda, Seed: 4));

    [Fact]
    public void Replaces_exactly_k_of_m_with_fgsm_examples_of_the_current_model_each_within_its_own_epsilon()
    {
        var net = TrainedModel.Load();
        var data = TrainedModel.MnistTest(32, offset: 200);
        var batch = Fgsm().Rewrite(net, data.Images, data.Labels, step: 5);

        const int k = 16;
        Assert.Equal(32, batch.Images.N);
        Assert.Equal(Enumerable.Range(0, k), batch.AdversarialRows);
        Assert.Equal(data.Labels, batch.Labels);
        Assert.Equal(Enumerable.Repeat(Lambda, k).Concat(Enumerable.Repeat(1f, 32 - k)), batch.Weights!);
        int size = data.Images.ExampleSize;
        Assert.Equal(data.Images.Data.AsSpan(k * size).ToArray(), batch.Images.Data.AsSpan(k * size).ToArray());
        Assert.Contains(batch.Epsilons, e => e > 0.1f); // σ = 0.15: a batch of 16 draws reaches past 0.1
        Assert.All(net.NamedParameters(), p => Assert.All(p.Parameter.Grad.Data, g => Assert.Equal(0f, g)));

        var linf = NormMath.Distance(batch.Images.Slice(0, k), data.Images.Slice(0, k), LpNorm.Linf);
        var model = new NetworkClassifier(net);
        for (int i = 0; i < k; i++)
        {
            float eps = batch.Epsilons[i];
            Assert.InRange(eps, 0f, 0.3f);
            Assert.Equal(MathF.Round(eps * 255), eps * 255, 3); // on the 1/255 grid
            Assert.True(linf[i] <= eps + 1e-6f, $"row {i}: ‖δ‖∞ = {linf[i]} > ε = {eps}");
            // The adversarial row is exactly FGSM at its own ε on the current network in eval mode.
            var expected = new Fgsm(eps).Run(model, data.Images.Slice(i, 1), [data.Labels[i]]).Adversarial;
            Assert.Equal(expected.Data, batch.Images.Slice(i, 1).Data);
        }
        Assert.All(batch.Images.Data, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void Same_seed_and_step_give_the_same_batch_and_another_step_or_seed_does_not()
    {
        var net = TrainedModel.Load();
        var data = TrainedModel.MnistTest(16, offset: 300);
        var a = Fgsm().Rewrite(net, data.Images, data.Labels, 7);
        var b = Fgsm().Rewrite(net, data.Images, data.Labels, 7);
        var c = Fgsm().Rewrite(net, data.Images, data.Labels, 8);
        var d = Fgsm(new AdversarialTrainingOptions(Seed: 5)).Rewrite(net, data.Images, data.Labels, 7);
        Assert.Equal(a.Images.Data, b.Images.Data);
        Assert.Equal(a.Epsilons, b.Epsilons);
        Assert.NotEqual(a.Epsilons, c.Epsilons);
        Assert.NotEqual(a.Epsilons, d.Epsilons);
    }

    [Fact]
    public void Batches_stay_clean_until_the_delay()
    {
        var net = TrainedModel.Load();
        var data = TrainedModel.MnistTest(8);
        var training = Fgsm(new AdversarialTrainingOptions(Delay: 10));
        var before = training.Rewrite(net, data.Images, data.Labels, 9);
        var after = training.Rewrite(net, data.Images, data.Labels, 10);
        Assert.Equal(0, before.AdversarialCount);
        Assert.Null(before.Weights);
        Assert.Equal(data.Images.Data, before.Images.Data);
        Assert.Equal(4, after.AdversarialCount);
        Assert.NotEqual(data.Images.Data, after.Images.Data);
    }

    [Fact]
    public void Weighted_loss_is_kurakins_eq1_by_hand()
    {
        var net = TrainedModel.Load();
        var data = TrainedModel.MnistTest(12, offset: 40);
        var batch = Fgsm(new AdversarialTrainingOptions(AdversarialFraction: 5 / 12f, Lambda: Lambda, Seed: 1)).Rewrite(net, data.Images, data.Labels, 3);
        var logits = net.Forward(batch.Images);
        var (loss, grad) = SoftmaxCrossEntropy.Compute(logits, batch.Labels, batch.Weights);

        // L = (Σ_clean L + λ Σ_adv L) / ((m − k) + λk), m = 12, k = 5.
        double clean = 0, adversarial = 0;
        for (int i = 0; i < 12; i++)
        {
            if (i < 5) adversarial += CrossEntropy(logits, i, batch.Labels[i]);
            else clean += CrossEntropy(logits, i, batch.Labels[i]);
        }
        double expected = (clean + Lambda * adversarial) / (12 - 5 + Lambda * 5);
        Assert.Equal(expected, loss, 5);
        // ∂L/∂zᵢ carries the same normalisation: row i = wᵢ (pᵢ − onehot)/((m − k) + λk).
        var p = SoftmaxCrossEntropy.Softmax(logits);
        for (int j = 0; j < 10; j++)
            Assert.Equal(Lambda * (p[j] - (j == batch.Labels[0] ? 1 : 0)) / (12 - 5 + Lambda * 5), grad[j], 6);
    }

    [Fact]
    public void Paired_mode_is_nemcovskys_eq23_weighting()
    {
        const float w = 0.4f;
        var net = TrainedModel.Load();
        var data = TrainedModel.MnistTest(6, offset: 60);
        var batch = Fgsm(AdversarialTrainingOptions.Paired(w, seed: 2)).Rewrite(net, data.Images, data.Labels, 1);
        Assert.Equal(12, batch.Images.N);
        Assert.Equal(data.Images.Data, batch.Images.Slice(0, 6).Data);
        Assert.Equal(data.Labels.Concat(data.Labels), batch.Labels);
        Assert.Equal(Enumerable.Range(6, 6), batch.AdversarialRows);

        var logits = net.Forward(batch.Images);
        var (loss, _) = SoftmaxCrossEntropy.Compute(logits, batch.Labels, batch.Weights);
        double clean = 0, adversarial = 0;
        for (int i = 0; i < 6; i++)
        {
            clean += CrossEntropy(logits, i, data.Labels[i]) / 6;
            adversarial += CrossEntropy(logits, 6 + i, data.Labels[i]) / 6;
        }
        Assert.Equal((1 - w) * clean + w * adversarial, loss, 5);
    }

    [Fact]
    public void Epsilon_is_kurakins_truncated_half_normal_on_zero_to_two_sigma()
    {
        const float sigma = 0.15f;
        var rng = new Random(11);
        var draws = Enumerable.Range(0, 20_000).Select(_ => TruncatedNormal.KurakinEpsilon(rng, sigma)).ToArray();
        Assert.All(draws, e => Assert.InRange(e, 0f, 2 * sigma));
        Assert.Equal(TruncatedNormal.KurakinEpsilonMean(sigma), draws.Average(e => (double)e), 3);
        // P(ε > σ) = (P(|Z| ≤ 2) − P(|Z| ≤ 1)) / P(|Z| ≤ 2) = (0.954500 − 0.682689) / 0.954500 = 0.284768.
        Assert.Equal(0.284768, draws.Count(e => e > sigma) / (double)draws.Length, 2);

        // On the 1/255 grid the top of the interval rounds down, never to 77/255 > 0.3.
        var training = Fgsm(new AdversarialTrainingOptions(EpsilonSigma: sigma));
        var gridded = Enumerable.Range(0, 20_000).Select(_ => training.DrawEpsilon(rng)).ToArray();
        Assert.True(gridded.Max() <= 0.3f, $"max ε {gridded.Max()}");
        Assert.Equal(76 / 255f, gridded.Max());
        Assert.Equal(0.3f, Fgsm(new AdversarialTrainingOptions(FixedEpsilon: 0.3f, EpsilonResolution: 0)).DrawEpsilon(rng));
    }

    [Fact]
    public void Rejects_generators_that_need_targets_and_unknown_attacks()
    {
        var data = TrainedModel.MnistTest(4);
        var targeted = AdversarialTraining.FromCatalog("fgsm-targeted");
        var e = Assert.Throws<ArgumentException>(() => targeted.Rewrite(TrainedModel.Load(), data.Images, data.Labels, 0));
        Assert.Contains("target", e.Message);
        Assert.Throws<ArgumentException>(() => AdversarialTraining.FromCatalog("no-such-attack"));
        Assert.Throws<ArgumentException>(() => new AdversarialTraining(eps => new Fgsm(eps), new AdversarialTrainingOptions(Lambda: -1)));
    }

    private static double CrossEntropy(Tensor logits, int row, int label)
    {
        var z = logits.Data.AsSpan(row * 10, 10).ToArray().Select(v => (double)v).ToArray();
        double max = z.Max();
        return max + Math.Log(z.Sum(v => Math.Exp(v - max))) - z[label];
    }
}
