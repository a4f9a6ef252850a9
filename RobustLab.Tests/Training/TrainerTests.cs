using RobustLab.Engine.Data;
using RobustLab.Engine.Layers;
using RobustLab.Engine.Models;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;

namespace RobustLab.Tests.Training;

/// <summary>The trainer on a small synthetic problem with a known answer: learns it, reproducibly, and stops when told.</summary>
public sealed class TrainerTests
{
    // Two classes of 1×4×4 images: bright top half vs bright bottom half, with noise. Linearly separable.
    private static Dataset Stripes(int n, int seed)
    {
        var rng = new Random(seed);
        var images = new Tensor(n, 1, 4, 4);
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % 2;
            for (int p = 0; p < 16; p++)
            {
                bool top = p < 8;
                float signal = (top ^ (labels[i] == 1)) ? 0.8f : 0.2f;
                images[i * 16 + p] = Math.Clamp(signal + 0.1f * (rng.NextSingle() - 0.5f), 0f, 1f);
            }
        }
        return new Dataset("stripes", images, labels, 2);
    }

    private static Network TinyNet(int seed) => new("tiny", [1, 4, 4],
    [
        new Conv2d("conv1", 1, 3, 3, padding: 1, rng: new Random(seed)), new ActivationSlot("act1", new Engine.Layers.Activations.ReLU()),
        new MaxPool2d("pool1", 2), new Flatten("flatten"), new Dropout("drop1", 0.2f, seed),
        new Linear("fc1", 12, 2, new Random(seed + 1)),
    ]);

    [Theory]
    [InlineData("adam", 0.01f)]
    [InlineData("sgd", 0.1f)]
    public void Learns_a_separable_problem(string optimizer, float lr)
    {
        var net = TinyNet(1);
        var results = new Trainer(net, new TrainingOptions(Epochs: 8, BatchSize: 16, LearningRate: lr, Optimizer: optimizer, Seed: 2))
            .Fit(Stripes(256, 3), Stripes(64, 4));
        Assert.True(results[^1].Loss < results[0].Loss * 0.5, $"loss {results[0].Loss} → {results[^1].Loss}");
        Assert.True(results[^1].TestAccuracy >= 0.95f, $"test accuracy {results[^1].TestAccuracy}");
    }

    [Fact]
    public void Same_seed_gives_identical_weights_and_another_seed_does_not()
    {
        float[] Train(int seed)
        {
            var net = TinyNet(5);
            new Trainer(net, new TrainingOptions(Epochs: 2, BatchSize: 8, Seed: seed)).Fit(Stripes(64, 6));
            return net.StateDict()["fc1.weight"].Data;
        }
        Assert.Equal(Train(7), Train(7));
        Assert.NotEqual(Train(7), Train(8));
    }

    [Fact]
    public void Reports_progress_per_batch_and_results_per_epoch()
    {
        var reports = new List<TrainingProgress>();
        var epochs = new List<EpochResult>();
        var trainer = new Trainer(TinyNet(1), new TrainingOptions(Epochs: 2, BatchSize: 10, Seed: 1)) { EpochCompleted = epochs.Add };
        trainer.Fit(Stripes(25, 1), progress: new Collect(reports));
        Assert.Equal(6, reports.Count); // 3 batches (10, 10, 5) × 2 epochs
        Assert.Equal(1.0, reports[^1].Fraction, 6);
        Assert.Equal([1, 2], epochs.Select(e => e.Epoch));
    }

    [Fact]
    public void Cancellation_stops_training()
    {
        using var cts = new CancellationTokenSource();
        var reports = new List<TrainingProgress>();
        var trainer = new Trainer(TinyNet(1), new TrainingOptions(Epochs: 100, BatchSize: 4, Seed: 1));
        Assert.ThrowsAny<OperationCanceledException>(() =>
            trainer.Fit(Stripes(64, 1), progress: new Collect(reports, afterReport: () => { if (reports.Count == 3) cts.Cancel(); }), cancellationToken: cts.Token));
        Assert.Equal(3, reports.Count);
    }

    [Fact]
    public void Step_schedule_decays_the_learning_rate()
    {
        var trainer = new Trainer(TinyNet(1), new TrainingOptions(Epochs: 7, LearningRate: 1f, LrStepEpochs: 3, LrGamma: 0.5f));
        Assert.Equal([1f, 1f, 1f, 0.5f, 0.5f, 0.5f, 0.25f], Enumerable.Range(1, 7).Select(trainer.LearningRateAt));
    }

    [Fact]
    public void Batch_transform_rewrites_batches_and_weights_the_loss()
    {
        int calls = 0;
        var trainer = new Trainer(TinyNet(1), new TrainingOptions(Epochs: 1, BatchSize: 8, Seed: 1))
        {
            BatchTransform = (_, images, labels, step) =>
            {
                Assert.Equal(calls++, step);
                return (images, labels, Enumerable.Repeat(0.5f, labels.Length).ToArray());
            },
        };
        trainer.Fit(Stripes(32, 1));
        Assert.Equal(4, calls);
    }

    [Fact]
    public void Invalid_options_and_mismatched_data_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new Trainer(TinyNet(1), new TrainingOptions(Epochs: 0)).Fit(Stripes(8, 1)));
        Assert.Throws<ArgumentException>(() => new Trainer(TinyNet(1), new TrainingOptions(Epochs: 1, Optimizer: "rmsprop")).Fit(Stripes(8, 1)));
        var wrongShape = new Dataset("x", new Tensor(2, 1, 5, 5), [0, 1], 2);
        Assert.Throws<ArgumentException>(() => new Trainer(TinyNet(1), new TrainingOptions(Epochs: 1)).Fit(wrongShape));
    }

    private sealed class Collect(List<TrainingProgress> into, Action? afterReport = null) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            into.Add(value);
            afterReport?.Invoke();
        }
    }
}
