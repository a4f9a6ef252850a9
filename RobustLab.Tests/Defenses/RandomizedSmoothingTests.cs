using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;
using RobustLab.Tests.Attacks;

namespace RobustLab.Tests.Defenses;

/// <summary>Randomized smoothing (Nemcovsky et al. §3): σ = 0 is the base model, the votes on a hand-made classifier, accuracy on MNIST.</summary>
public sealed class RandomizedSmoothingTests
{
    [Theory]
    [InlineData(SmoothingVote.Majority)]
    [InlineData(SmoothingVote.Soft)]
    [InlineData(SmoothingVote.Weighted)]
    public void Sigma_zero_equals_the_base_model_predictions_and_gradients(SmoothingVote vote)
    {
        var model = new NetworkClassifier(TrainedModel.Load());
        var smoothed = new RandomizedSmoothing(new NetworkClassifier(TrainedModel.Load()), sigma: 0f, samples: 16, vote);
        var data = TrainedModel.MnistTest(32);
        var loss = Losses.CrossEntropy(data.Labels);

        Assert.Equal(SoftmaxCrossEntropy.Argmax(model.Logits(data.Images)), SoftmaxCrossEntropy.Argmax(smoothed.Logits(data.Images)));
        var (expected, baseLogits) = model.InputGradient(data.Images, loss);
        var (actual, smoothedLogits) = smoothed.InputGradient(data.Images, loss);
        Assert.Equal(expected.Data, actual.Data);
        Assert.Equal(SoftmaxCrossEntropy.Argmax(baseLogits), SoftmaxCrossEntropy.Argmax(smoothedLogits));
    }

    // Four noise samples of one input, four classes. Ranks per sample: (0,2,1,3), (0,2,1,3), (1,2,0,3), (2,1,3,0).
    private static readonly float[][] Script =
    [
        [0.40f, 0.20f, 0.30f, 0.10f],
        [0.40f, 0.20f, 0.30f, 0.10f],
        [0.02f, 0.95f, 0.025f, 0.005f],
        [0.05f, 0.30f, 0.50f, 0.15f],
    ];

    // Majority: votes (2,1,1,0)/4 → class 0. Soft: means (0.87, 1.65, 1.125, 0.355)/4 → class 1.
    // Weighted (rank weights 1, ½, ¼, ⅛; 1.875 per sample): (1+1+¼+⅛, ¼+¼+1+½, ½+½+½+1, ⅛+⅛+⅛+¼)/7.5
    //   = (2.375, 2, 2.5, 0.625)/7.5 → class 2.
    [Theory]
    [InlineData(SmoothingVote.Majority, 0, new[] { 0.5, 0.25, 0.25, 0.0 })]
    [InlineData(SmoothingVote.Soft, 1, new[] { 0.2175, 0.4125, 0.28125, 0.08875 })]
    [InlineData(SmoothingVote.Weighted, 2, new[] { 2.375 / 7.5, 2.0 / 7.5, 2.5 / 7.5, 0.625 / 7.5 })]
    public void Votes_on_a_hand_made_classifier_are_the_hand_computed_ones(SmoothingVote vote, int expectedClass, double[] expectedScores)
    {
        var smoothed = new RandomizedSmoothing(new ScriptedClassifier(Script), sigma: 0.5f, samples: 4, vote);
        var x = new Tensor(1, 1, 2, 2);

        var scores = smoothed.Scores(x);
        for (int c = 0; c < 4; c++) Assert.Equal(expectedScores[c], scores[c], 5);
        var logits = smoothed.Logits(x);
        Assert.Equal(expectedClass, SoftmaxCrossEntropy.Argmax(logits)[0]);
        for (int c = 0; c < 4; c++) Assert.Equal(Math.Log(Math.Max(expectedScores[c], 1e-30)), logits[c], 4);
    }

    [Fact]
    public void Rank_weights_halve_with_each_rank_and_break_ties_by_class_index()
    {
        var weights = new float[4];
        RandomizedSmoothing.RankWeights([0.1f, 3f, -2f, 0.1f], weights);
        Assert.Equal([0.5f, 1f, 0.125f, 0.25f], weights);
    }

    [Fact]
    public void The_three_votes_agree_with_the_base_model_on_confident_examples()
    {
        var model = new NetworkClassifier(TrainedModel.Load());
        var data = TrainedModel.MnistTest(32, offset: 300);
        var probabilities = SoftmaxCrossEntropy.Softmax(model.Logits(data.Images));
        var confident = Enumerable.Range(0, data.Count).Where(i => probabilities.Data.AsSpan(i * 10, 10).ToArray().Max() > 0.999f).ToArray();
        Assert.True(confident.Length >= 16, $"only {confident.Length} confident examples");
        var images = data.Images.Gather(confident);
        var expected = SoftmaxCrossEntropy.Argmax(model.Logits(images));

        foreach (var vote in Enum.GetValues<SmoothingVote>())
        {
            var smoothed = new RandomizedSmoothing(model, sigma: 0.1f, samples: 8, vote, seed: 3);
            Assert.Equal(expected, SoftmaxCrossEntropy.Argmax(smoothed.Logits(images)));
        }
    }

    [Fact]
    public void Accuracy_stays_high_at_sigma_a_quarter_and_drops_at_sigma_one()
    {
        var model = new NetworkClassifier(TrainedModel.Load());
        var data = TrainedModel.MnistTest(200);
        float Accuracy(float sigma, int samples) =>
            SoftmaxCrossEntropy.Argmax(new RandomizedSmoothing(model, sigma, samples, seed: 1).Logits(data.Images))
                .Zip(data.Labels).Count(p => p.First == p.Second) / (float)data.Count;

        // The drop at σ = 1 is the noise, not the sample count: n = 8 keeps the test fast (measured: 99.5% and 40%).
        float quarter = Accuracy(0.25f, 32), one = Accuracy(1f, 8);
        Assert.True(quarter >= 0.9f, $"σ = 0.25: {quarter:P1}");
        Assert.True(one < quarter - 0.3f, $"σ = 1: {one:P1} vs σ = 0.25: {quarter:P1}");
    }

    [Fact]
    public void Each_call_draws_fresh_noise_and_the_seed_repeats_the_draws()
    {
        var data = TrainedModel.MnistTest(4);
        var a = new RandomizedSmoothing(new NetworkClassifier(TrainedModel.Load()), 0.5f, 8, SmoothingVote.Soft, seed: 5);
        var b = new RandomizedSmoothing(new NetworkClassifier(TrainedModel.Load()), 0.5f, 8, SmoothingVote.Soft, seed: 5);
        var first = a.Logits(data.Images);
        var second = a.Logits(data.Images);
        Assert.NotEqual(first.Data, second.Data);
        Assert.Equal(first.Data, b.Logits(data.Images).Data);
        Assert.Equal(second.Data, b.Logits(data.Images).Data);
    }

    [Theory]
    [InlineData(1)]      // stacks of one noise sample (N rows) per forward pass
    [InlineData(1024)]   // all n·N rows in one forward pass
    public void Gradient_is_the_mean_of_the_base_gradients_over_the_noise_samples(int maxBatch)
    {
        const float Sigma = 0.3f;
        const int Samples = 5, Seed = 11;
        var model = new NetworkClassifier(TrainedModel.Load());
        var data = TrainedModel.MnistTest(6, offset: 40);
        var loss = Losses.CrossEntropy(data.Labels);

        var smoothed = new RandomizedSmoothing(model, Sigma, Samples, SmoothingVote.Majority, Seed, maxBatch);
        var (actual, _) = smoothed.InputGradient(data.Images, loss);

        var noisy = GaussianNoise.Stack(data.Images, Samples, Sigma, new Random(Seed));
        var expected = new double[data.Images.Length];
        for (int s = 0; s < Samples; s++)
        {
            var (g, _) = model.InputGradient(noisy.Slice(s * data.Count, data.Count), loss);
            for (int i = 0; i < expected.Length; i++) expected[i] += g[i] / Samples;
        }
        Assert.Contains(expected, v => Math.Abs(v) > 1e-3);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 5);
    }

    [Fact]
    public void Noise_is_not_clipped_to_the_pixel_box()
    {
        var noisy = GaussianNoise.Stack(TrainedModel.MnistTest(2).Images, 4, 0.5f, new Random(0));
        Assert.Contains(noisy.Data, v => v < 0f);
        Assert.Contains(noisy.Data, v => v > 1f);
    }

    [Fact]
    public void Invalid_settings_are_rejected()
    {
        var model = new ConstantClassifier(10, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomizedSmoothing(model, -0.1f, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomizedSmoothing(model, float.NaN, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomizedSmoothing(model, 0.25f, 0));
    }
}
