using RobustLab.Engine.Data;
using RobustLab.Engine.Models;
using RobustLab.Engine.Tensors;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Training;

namespace RobustLab.Tests.Web.Training;

// The runner on a tiny random MNIST-shaped set: curve points per batch, one point per epoch, progress to 1,
// every mode trains, and cancellation stops it.
public sealed class TrainingRunnerTests
{
    private static Dataset Tiny(int count, int seed = 3)
    {
        var rng = new Random(seed);
        var images = new Tensor(count, 1, 28, 28);
        for (int i = 0; i < images.Length; i++) images[i] = (float)rng.NextDouble();
        return new Dataset("tiny", images, [.. Enumerable.Range(0, count).Select(_ => rng.Next(10))], 10);
    }

    private sealed class Recorder : IProgress<JobProgress>
    {
        public readonly List<TrainingPoint> Points = [];
        public readonly List<EpochPoint> Epochs = [];
        public readonly List<JobProgress> Progress = [];
        public void Report(JobProgress value) => Progress.Add(value);
    }

    [Theory]
    [InlineData(TrainingMode.Plain)]
    [InlineData(TrainingMode.Adversarial)]
    [InlineData(TrainingMode.NoiseInjection)]
    public void Streams_a_point_per_batch_and_one_per_epoch(TrainingMode mode)
    {
        var request = new TrainingRequest(Mode: mode, Epochs: 2, BatchSize: 16, TrainExamples: 64, TestExamples: 20);
        var network = ModelZoo.Create(ModelZoo.LeNetLike, 1);
        var before = network.StateDict()["fc3.weight"].Data.ToArray();
        var r = new Recorder();
        var results = TrainingRunner.Run(request, network, Tiny(64), Tiny(20, seed: 4), r.Points.Add, r.Epochs.Add, r, CancellationToken.None);

        Assert.Equal(2, results.Count);
        Assert.Equal([0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2], r.Points.Select(p => p.Epoch)); // 4 batches an epoch, x in epochs
        Assert.All(r.Points, p => Assert.True(double.IsFinite(p.Loss) && p.Loss > 0 && p.Accuracy is >= 0 and <= 1));
        Assert.Equal([1, 2], r.Epochs.Select(e => e.Epoch));
        for (int epoch = 0; epoch < 2; epoch++) // equal batches: the epoch's mean is the mean of its per-batch points
        {
            var window = r.Points.Skip(4 * epoch).Take(4).ToArray();
            Assert.Equal(r.Epochs[epoch].Loss, window.Average(p => p.Loss), 4);
            Assert.Equal(r.Epochs[epoch].TrainAccuracy, window.Average(p => p.Accuracy), 4);
            Assert.All(window, p => Assert.Equal(Math.Round(p.Accuracy * 16), p.Accuracy * 16, 3)); // k of 16 right
        }
        Assert.All(r.Epochs, e => Assert.NotNull(e.TestAccuracy));
        Assert.Equal(1.0, r.Progress[^1].Fraction);
        Assert.Equal("Epoch 2 of 2, batch 4 of 4", r.Progress[^1].Message);
        Assert.NotEqual(before, network.StateDict()["fc3.weight"].Data); // it learned something
    }

    [Fact]
    public void Long_epochs_are_thinned_to_about_forty_points()
    {
        var request = new TrainingRequest(Epochs: 1, BatchSize: 1, TrainExamples: 100, TestExamples: 0);
        var r = new Recorder();
        TrainingRunner.Run(request, ModelZoo.Create(ModelZoo.LeNetLike, 1), Tiny(100), null, r.Points.Add, r.Epochs.Add, null, CancellationToken.None);
        Assert.Equal(50, r.Points.Count); // every 100/40 = 2nd batch
        Assert.Null(Assert.Single(r.Epochs).TestAccuracy);
    }

    [Fact]
    public void Cancellation_stops_training()
    {
        using var cts = new CancellationTokenSource();
        var r = new Recorder();
        Assert.ThrowsAny<OperationCanceledException>(() => TrainingRunner.Run(new TrainingRequest(Epochs: 5, BatchSize: 8), ModelZoo.Create(ModelZoo.LeNetLike, 1),
            Tiny(64), null, p => { r.Points.Add(p); if (r.Points.Count == 3) cts.Cancel(); }, r.Epochs.Add, null, cts.Token));
        Assert.Equal(3, r.Points.Count);
    }
}
