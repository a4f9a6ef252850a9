using System.Diagnostics;
using RobustLab.Engine.Data;
using RobustLab.Engine.Models;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;

namespace RobustLab.Bench;

/// <summary>Where the time goes (--profile): Stopwatch around every layer's Forward and Backward, plus loss and Adam.</summary>
/// <remarks>
/// Runs training steps (forward in train mode, backward with parameter gradients, Adam) and input-gradient
/// passes (eval forward, <see cref="Network.InputGradient"/>) layer by layer over the given data, and prints
/// the median milliseconds per batch for each stage. The per-layer path mirrors Network.Forward/Backward.
/// </remarks>
internal static class LayerProfile
{
    public static void Run(Dataset train, int batchSize, int batches)
    {
        var net = ModelZoo.Create(ModelZoo.LeNetLike, seed: 0);
        var layers = net.Layers;
        var adam = new Adam(net.NamedParameters().Select(p => p.Parameter).ToList());
        var fwd = Samples(layers.Count, batches);
        var bwd = Samples(layers.Count, batches);
        var grad = Samples(layers.Count, batches);
        var (loss, step, gather) = (new List<double>(), new List<double>(), new List<double>());
        var clock = new Stopwatch();
        Tensor? reuse = null;
        var order = Enumerable.Range(0, train.Count).ToArray();
        new Random(0).Shuffle(order);
        for (int pass = 0; pass < 2; pass++)
        {
            bool timed = pass == 1;
            for (int b = 0; b < batches; b++)
            {
                int start = b * batchSize % Math.Max(1, train.Count - batchSize);
                clock.Restart();
                var (x, labels) = train.Batch(order.AsSpan(start, batchSize), reuse);
                reuse = x;
                if (timed) gather.Add(clock.Elapsed.TotalMilliseconds);
                // Training step.
                adam.ZeroGrad();
                var h = x;
                for (int i = 0; i < layers.Count; i++)
                {
                    clock.Restart();
                    h = layers[i].Forward(h, training: true);
                    if (timed) fwd[i].Add(clock.Elapsed.TotalMilliseconds);
                }
                clock.Restart();
                var (_, g) = SoftmaxCrossEntropy.Compute(h.Clone(), labels);
                if (timed) loss.Add(clock.Elapsed.TotalMilliseconds);
                for (int i = layers.Count - 1; i >= 0; i--)
                {
                    clock.Restart();
                    g = layers[i].Backward(g, needInputGradient: i > 0)!;
                    if (timed) bwd[i].Add(clock.Elapsed.TotalMilliseconds);
                }
                clock.Restart();
                adam.Step();
                if (timed) step.Add(clock.Elapsed.TotalMilliseconds);
                // Input-gradient pass (eval mode); its forward is counted with the training forward's share.
                h = x;
                foreach (var layer in layers) h = layer.Forward(h, training: false);
                var (_, d) = SoftmaxCrossEntropy.Compute(h.Clone(), labels);
                for (int i = layers.Count - 1; i >= 0; i--)
                {
                    clock.Restart();
                    d = layers[i].InputGradient(d);
                    if (timed) grad[i].Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }
        Console.WriteLine($"ms per batch of {batchSize} (median of {batches} batches: robust to a busy machine):");
        Console.WriteLine($"{"layer",-10} {"forward",9} {"backward",9} {"input-grad",10}");
        for (int i = 0; i < layers.Count; i++)
            Console.WriteLine($"{layers[i].Name,-10} {Median(fwd[i]),9:F3} {Median(bwd[i]),9:F3} {Median(grad[i]),10:F3}");
        Console.WriteLine($"{"total",-10} {fwd.Sum(Median),9:F3} {bwd.Sum(Median),9:F3} {grad.Sum(Median),10:F3}");
        Console.WriteLine($"gather {Median(gather):F3}, loss {Median(loss):F3}, adam {Median(step):F3}");
    }

    private static List<double>[] Samples(int layers, int batches) =>
        Enumerable.Range(0, layers).Select(_ => new List<double>(batches)).ToArray();

    private static double Median(List<double> xs)
    {
        var sorted = xs.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}
