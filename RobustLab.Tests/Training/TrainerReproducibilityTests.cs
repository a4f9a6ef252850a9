using RobustLab.Engine.Data;
using RobustLab.Engine.Models;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;

namespace RobustLab.Tests.Training;

/// <summary>Training is bit-for-bit reproducible for a seed and thread count, and it learns.</summary>
[Collection(ThreadCountCollection.Name)]
public sealed class TrainerReproducibilityTests
{
    // 600 images whose label is the brightest of four quadrants (plus noise): learnable in a few epochs.
    private static Dataset Quadrants(int count, int seed)
    {
        var rng = new Random(seed);
        var images = new Tensor(count, 1, 28, 28);
        var labels = new int[count];
        for (int n = 0; n < count; n++)
        {
            int label = rng.Next(4);
            labels[n] = label;
            for (int i = 0; i < 28; i++)
                for (int j = 0; j < 28; j++)
                {
                    int quadrant = (i / 14) * 2 + j / 14;
                    images[(n * 28 + i) * 28 + j] = Math.Clamp((quadrant == label ? 0.6f : 0.2f) + 0.3f * (rng.NextSingle() - 0.5f), 0f, 1f);
                }
        }
        return new Dataset("quadrants", images, labels, 10);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Same_seed_and_threads_give_identical_weights(int threads)
    {
        var a = Train(threads);
        var b = Train(threads);
        foreach (var (name, t) in a) Assert.Equal(t.Data, b[name].Data);
    }

    [Fact]
    public void With_batches_of_at_least_16_the_thread_count_does_not_change_the_weights()
    {
        // Every kernel on this path computes each output element whole, in a fixed order, on one thread.
        var a = Train(1);
        var b = Train(2);
        foreach (var (name, t) in a) Assert.Equal(t.Data, b[name].Data);
    }

    // Two epochs of batch 64 over 600 images (the last batch has 24).
    private static Dictionary<string, Tensor> Train(int threads)
    {
        var data = Quadrants(600, 1);
        int saved = Parallelism.Threads;
        try
        {
            Parallelism.Threads = threads;
            var net = ModelZoo.Create(ModelZoo.LeNetLike, seed: 3);
            new Trainer(net, new TrainingOptions(Epochs: 2, BatchSize: 64, Seed: 4)).Fit(data);
            return net.StateDict();
        }
        finally
        {
            Parallelism.Threads = saved;
        }
    }

    [Fact]
    public void Training_learns_the_quadrant_task()
    {
        var net = ModelZoo.Create(ModelZoo.LeNetLike, seed: 0);
        var results = new Trainer(net, new TrainingOptions(Epochs: 4, BatchSize: 32, LearningRate: 2e-3f)).Fit(Quadrants(600, 2), Quadrants(200, 3));
        Assert.True(results[^1].Loss < results[0].Loss, $"loss {results[0].Loss} → {results[^1].Loss}");
        Assert.True(results[^1].TestAccuracy > 0.9f, $"test accuracy {results[^1].TestAccuracy}");
    }
}
