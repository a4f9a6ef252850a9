using System.Diagnostics;
using RobustLab.Engine.Data;
using RobustLab.Engine.Metrics;
using RobustLab.Engine.Models;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;

namespace RobustLab.Bench;

/// <summary>Seconds for each task at one thread count.</summary>
internal sealed record TaskTimes(double Train, double Inference, double InputGradient)
{
    /// <summary>The faster time of each task (either may be null).</summary>
    public static TaskTimes Best(TaskTimes? a, TaskTimes b) => a is null ? b
        : new(Math.Min(a.Train, b.Train), Math.Min(a.Inference, b.Inference), Math.Min(a.InputGradient, b.InputGradient));
}

/// <summary>The RobustLab side: the same three tasks as tools/bench_torch.py, through the engine's public API.</summary>
/// <remarks>
/// train: Trainer.Fit, one epoch, Adam (lr 1e-3), batch B, seed 0 (shuffle, dropout on);
/// inference: Evaluator.Predict in eval mode; input gradient: Forward (eval) → mean softmax
/// cross-entropy → Network.InputGradient, batch by batch. Each runs twice on 20 batches first (warm-up: JIT
/// tiers, buffers). FLOPs count the multiply-adds of conv and linear layers (pointwise work is ignored):
/// forward F per example; training adds the weight gradient (F) and the input gradient of every layer
/// but the first (F − F₁); the input-gradient task adds the input gradient of every layer (F).
/// </remarks>
internal sealed class EngineBench(Dataset train, Dataset test, int batchSize)
{
    private const string Architecture = ModelZoo.LeNetLike;
    private const int WarmupBatches = 20;

    public TaskTimes Run(int threads)
    {
        Parallelism.Threads = threads;
        int warm = WarmupBatches * batchSize;
        var warmTrain = train.Subset(0, warm);
        var warmTest = test.Subset(0, warm);
        for (int pass = 0; pass < 2; pass++)
        {
            Train(ModelZoo.Create(Architecture, seed: 1), warmTrain);
            var warmNet = ModelZoo.Create(Architecture, seed: 0);
            Inference(warmNet, warmTest);
            InputGradient(warmNet, warmTest);
            Thread.Sleep(200); // lets the JIT's background tier-up of the methods just called finish
        }
        var net = ModelZoo.Create(Architecture, seed: 0);
        net = ModelZoo.Create(Architecture, seed: 0);
        double t = Time(() => Train(net, train));
        double i = Time(() => Inference(net, test));
        double g = Time(() => InputGradient(net, test));
        return new TaskTimes(t, i, g);
    }

    /// <summary>FLOPs of each task over the given image counts.</summary>
    public static (double Train, double Inference, double InputGradient) Flops(int trainImages, int testImages)
    {
        var net = ModelZoo.Create(Architecture);
        long forward = net.ForwardFlops();
        int[] shape = [1, .. net.InputShape];
        long first = net.Layers[0].ForwardFlops(shape);
        return ((3.0 * forward - first) * trainImages, (double)forward * testImages, 2.0 * forward * testImages);
    }

    private static double Time(Action run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var clock = Stopwatch.StartNew();
        run();
        return clock.Elapsed.TotalSeconds;
    }

    private void Train(Network net, Dataset data) =>
        new Trainer(net, new TrainingOptions(Epochs: 1, BatchSize: batchSize, LearningRate: 1e-3f, Optimizer: "adam", Seed: 0)).Fit(data);

    private void Inference(Network net, Dataset data) => Evaluator.Predict(net, data.Images, batchSize);

    private void InputGradient(Network net, Dataset data)
    {
        Tensor? batch = null;
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int count = Math.Min(batchSize, data.Count - start);
            batch = data.Images.Slice(start, count, batch);
            var logits = net.Forward(batch, training: false);
            var (_, dlogits) = SoftmaxCrossEntropy.Compute(logits, data.Labels.AsSpan(start, count));
            net.InputGradient(dlogits);
        }
    }
}
