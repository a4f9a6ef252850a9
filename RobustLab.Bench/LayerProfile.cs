using System.Diagnostics;
using RobustLab.Engine.Data;
using RobustLab.Engine.Models;
using RobustLab.Engine.Training;

namespace RobustLab.Bench;

/// <summary>Where the time goes (--profile): Stopwatch around every layer's Forward and Backward, plus loss and Adam.</summary>
/// <remarks>
/// Runs training steps (forward in train mode, backward with parameter gradients, Adam) and input-gradient
/// passes (eval forward, <see cref="Network.InputGradient"/>) layer by layer over the given data, and prints
/// milliseconds per batch for each stage. The per-layer path mirrors Network.Forward/Backward.
/// </remarks>
internal static class LayerProfile
{
    public static void Run(Dataset train, int batchSize, int batches)
    {
        var net = ModelZoo.Create(ModelZoo.LeNetLike, seed: 0);
        var layers = net.Layers;
        var adam = new Adam(net.NamedParameters().Select(p => p.Parameter).ToList());
        var fwd = new double[layers.Count];
        var bwd = new double[layers.Count];
        var grad = new double[layers.Count];
        double loss = 0, step = 0, gather = 0;
        var clock = new Stopwatch();
        var order = Enumerable.Range(0, train.Count).ToArray();
        new Random(0).Shuffle(order);
        for (int pass = 0; pass < 2; pass++)
        {
            bool timed = pass == 1;
            for (int b = 0; b < batches; b++)
            {
                int start = b * batchSize % Math.Max(1, train.Count - batchSize);
                clock.Restart();
                var (x, labels) = train.Batch(order.AsSpan(start, batchSize));
                if (timed) gather += clock.Elapsed.TotalMilliseconds;
                // Training step.
                adam.ZeroGrad();
                var h = x;
                for (int i = 0; i < layers.Count; i++)
                {
                    clock.Restart();
                    h = layers[i].Forward(h, training: true);
                    if (timed) fwd[i] += clock.Elapsed.TotalMilliseconds;
                }
                clock.Restart();
                var (_, g) = SoftmaxCrossEntropy.Compute(h.Clone(), labels);
                if (timed) loss += clock.Elapsed.TotalMilliseconds;
                for (int i = layers.Count - 1; i >= 0; i--)
                {
                    clock.Restart();
                    g = layers[i].Backward(g, needInputGradient: i > 0)!;
                    if (timed) bwd[i] += clock.Elapsed.TotalMilliseconds;
                }
                clock.Restart();
                adam.Step();
                if (timed) step += clock.Elapsed.TotalMilliseconds;
                // Input-gradient pass (eval mode); its forward is counted with the training forward's share.
                h = x;
                foreach (var layer in layers) h = layer.Forward(h, training: false);
                var (_, d) = SoftmaxCrossEntropy.Compute(h.Clone(), labels);
                for (int i = layers.Count - 1; i >= 0; i--)
                {
                    clock.Restart();
                    d = layers[i].InputGradient(d);
                    if (timed) grad[i] += clock.Elapsed.TotalMilliseconds;
                }
            }
        }
        Console.WriteLine($"ms per batch of {batchSize} (average of {batches} batches):");
        Console.WriteLine($"{"layer",-10} {"forward",9} {"backward",9} {"input-grad",10}");
        for (int i = 0; i < layers.Count; i++)
            Console.WriteLine($"{layers[i].Name,-10} {fwd[i] / batches,9:F3} {bwd[i] / batches,9:F3} {grad[i] / batches,10:F3}");
        Console.WriteLine($"{"total",-10} {fwd.Sum() / batches,9:F3} {bwd.Sum() / batches,9:F3} {grad.Sum() / batches,10:F3}");
        Console.WriteLine($"gather {gather / batches:F3}, loss {loss / batches:F3}, adam {step / batches:F3}");
    }
}
