using RobustLab.Engine.Data;
using RobustLab.Engine.Metrics;
using RobustLab.Engine.Models;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Training;

/// <summary>Mini-batch training: shuffle, forward, softmax cross-entropy, backward, optimizer step.</summary>
/// <remarks>
/// Each epoch draws a permutation from a seeded <see cref="Random"/>; the learning rate follows a step
/// schedule. <see cref="BatchTransform"/> lets a defense rewrite each batch before the step — e.g.
/// Kurakin et al.'s adversarial training (§3, Algorithm 1) replaces k of m examples by adversarial
/// ones and weights them by λ; noise injection adds Gaussian noise.
/// </remarks>
public sealed class Trainer(Network network, TrainingOptions options)
{
    /// <summary>A batch rewrite: (network, images, labels, global step) → (images, labels, per-example weights or null).</summary>
    public delegate (Tensor Images, int[] Labels, float[]? Weights) BatchRewrite(Network network, Tensor images, int[] labels, int step);

    public Network Network { get; } = network;
    public TrainingOptions Options { get; } = options;
    public BatchRewrite? BatchTransform { get; init; }

    /// <summary>Called after each epoch with its summary (e.g. to print or plot it).</summary>
    public Action<EpochResult>? EpochCompleted { get; init; }

    public IReadOnlyList<EpochResult> Fit(Dataset train, Dataset? test = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Options.Validate();
        if (!train.ExampleShape.AsSpan().SequenceEqual(Network.InputShape))
            throw new ArgumentException($"{Network.Architecture} expects examples [{string.Join(",", Network.InputShape)}], the training set has [{string.Join(",", train.ExampleShape)}].");
        var parameters = Network.NamedParameters().Select(p => p.Parameter).ToList();
        Optimizer optimizer = Options.Optimizer == "sgd"
            ? new Sgd(parameters, Options.LearningRate, Options.Momentum, Options.WeightDecay)
            : new Adam(parameters, Options.LearningRate, weightDecay: Options.WeightDecay);
        var rng = new Random(Options.Seed);
        var order = Enumerable.Range(0, train.Count).ToArray();
        int batches = (train.Count + Options.BatchSize - 1) / Options.BatchSize;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var results = new List<EpochResult>();
        int step = 0;
        Tensor? batchBuffer = null; // reused when no BatchTransform could hold on to the images
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            optimizer.LearningRate = LearningRateAt(epoch);
            rng.Shuffle(order);
            double lossSum = 0;
            long correct = 0, seen = 0;
            for (int b = 0; b < batches; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int start = b * Options.BatchSize, count = Math.Min(Options.BatchSize, train.Count - start);
                var (images, labels) = train.Batch(order.AsSpan(start, count), batchBuffer);
                if (BatchTransform is null) batchBuffer = images;
                float[]? weights = null;
                if (BatchTransform is not null) (images, labels, weights) = BatchTransform(Network, images, labels, step);
                optimizer.ZeroGrad();
                var logits = Network.Forward(images, training: true);
                var (loss, dlogits) = SoftmaxCrossEntropy.Compute(logits, labels, weights);
                if (!float.IsFinite(loss)) throw new InvalidOperationException($"Training diverged: loss is {loss} at epoch {epoch}, batch {b + 1}. Lower the learning rate.");
                Network.Backward(dlogits, needInputGradient: false);
                optimizer.Step();
                step++;
                lossSum += loss * labels.Length;
                seen += labels.Length;
                correct += Evaluator.CountCorrect(logits, labels);
                progress?.Report(new TrainingProgress(epoch, Options.Epochs, b + 1, batches,
                    (float)(lossSum / seen), (float)correct / seen, optimizer.LearningRate, clock.Elapsed));
            }
            float? testAccuracy = test is null ? null : Evaluator.Accuracy(Network, test, cancellationToken: cancellationToken);
            var result = new EpochResult(epoch, (float)(lossSum / seen), (float)correct / seen, testAccuracy, optimizer.LearningRate, clock.Elapsed);
            results.Add(result);
            EpochCompleted?.Invoke(result);
        }
        return results;
    }

    /// <summary>Step schedule: η·γ^⌊(epoch−1)/step⌋.</summary>
    public float LearningRateAt(int epoch) =>
        Options.LrStepEpochs is int s ? Options.LearningRate * MathF.Pow(Options.LrGamma, (epoch - 1) / s) : Options.LearningRate;
}
