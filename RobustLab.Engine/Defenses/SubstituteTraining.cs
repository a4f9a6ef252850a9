using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Models;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;

namespace RobustLab.Engine.Defenses;

/// <summary>
/// BPDA through a substitute network (Borji §3, Fig. 8; Athalye et al. 2018): train a second network to reproduce the
/// target classifier's logits on training images, attack the substitute, and evaluate its adversarial examples on the target.
/// </summary>
/// <remarks>
/// Borji trains the same architecture "with the cross entropy over logits of the two networks" instead of against the labels:
/// L = (1/N) Σₙ −Σⱼ softmax(z_target)ⱼ log softmax(z_sub)ⱼ (<see cref="LogitMatchingLoss.SoftCrossEntropy"/>). The target's logits
/// are queried once (eval mode) and cached; the substitute trains with dropout on, shuffled per epoch from the options' seed.
/// Defends nothing itself: it is the probe that tells gradient masking (an SReLU α ≫ 1) from real robustness.
/// </remarks>
public sealed class SubstituteTraining(TrainingOptions options, LogitMatchingLoss loss = LogitMatchingLoss.SoftCrossEntropy)
{
    public TrainingOptions Options { get; } = options;
    public LogitMatchingLoss Loss { get; } = loss;

    /// <summary>Trains <paramref name="substitute"/> (in place) on <paramref name="images"/> [N,C,H,W] to match <paramref name="target"/>.</summary>
    public SubstituteResult Train(IClassifier target, Network substitute, Tensor images,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Options.Validate();
        if (!images.Shape.AsSpan(1).SequenceEqual(substitute.InputShape) || !target.InputShape.AsSpan().SequenceEqual(substitute.InputShape))
            throw new ArgumentException($"The substitute expects [{string.Join(",", substitute.InputShape)}], the target [{string.Join(",", target.InputShape)}], the images are {images.ShapeString}.");
        if (target.Classes != substitute.Classes)
            throw new ArgumentException($"The target has {target.Classes} classes, the substitute {substitute.Classes}.");
        if (images.N == 0) throw new ArgumentException("No training images.");

        var teacher = QueryLogits(target, images, cancellationToken);
        var parameters = substitute.NamedParameters().Select(p => p.Parameter).ToList();
        Optimizer optimizer = Options.Optimizer == "sgd"
            ? new Sgd(parameters, Options.LearningRate, Options.Momentum, Options.WeightDecay)
            : new Adam(parameters, Options.LearningRate, weightDecay: Options.WeightDecay);
        var rng = new Random(Options.Seed);
        var order = Enumerable.Range(0, images.N).ToArray();
        int batches = (images.N + Options.BatchSize - 1) / Options.BatchSize;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var losses = new List<float>();
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            optimizer.LearningRate = Options.LrStepEpochs is int s ? Options.LearningRate * MathF.Pow(Options.LrGamma, (epoch - 1) / s) : Options.LearningRate;
            rng.Shuffle(order);
            double lossSum = 0;
            long agree = 0;
            for (int b = 0; b < batches; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int start = b * Options.BatchSize, count = Math.Min(Options.BatchSize, images.N - start);
                var rows = order.AsSpan(start, count);
                var (x, t) = (images.Gather(rows), teacher.Gather(rows));
                optimizer.ZeroGrad();
                var logits = substitute.Forward(x, training: true);
                var (value, grad) = LogitMatching.Compute(logits, t, Loss);
                if (!float.IsFinite(value)) throw new InvalidOperationException($"Substitute training diverged: loss is {value} at epoch {epoch}, batch {b + 1}. Lower the learning rate.");
                substitute.Backward(grad, needInputGradient: false);
                optimizer.Step();
                lossSum += value * count;
                agree += SoftmaxCrossEntropy.Argmax(logits).Zip(SoftmaxCrossEntropy.Argmax(t)).Count(p => p.First == p.Second);
                int seen = start + count;
                progress?.Report(new TrainingProgress(epoch, Options.Epochs, b + 1, batches, (float)(lossSum / seen), (float)agree / seen, optimizer.LearningRate, clock.Elapsed));
            }
            losses.Add((float)(lossSum / images.N));
        }
        return new SubstituteResult(new NetworkClassifier(substitute), losses);
    }

    /// <summary>The classifier's logits for every image, in batches.</summary>
    public static Tensor QueryLogits(IClassifier model, Tensor images, CancellationToken cancellationToken = default, int batchSize = 256)
    {
        var result = new Tensor(images.N, model.Classes);
        for (int start = 0; start < images.N; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batchSize, images.N - start);
            var logits = model.Logits(images.Slice(start, count));
            Array.Copy(logits.Data, 0, result.Data, (long)start * model.Classes, logits.Length);
        }
        return result;
    }

    /// <summary>Fraction of images on which the two classifiers predict the same class.</summary>
    public static float Agreement(IClassifier a, IClassifier b, Tensor images)
    {
        if (images.N == 0) return float.NaN;
        var pa = SoftmaxCrossEntropy.Argmax(QueryLogits(a, images));
        var pb = SoftmaxCrossEntropy.Argmax(QueryLogits(b, images));
        return (float)pa.Zip(pb).Count(p => p.First == p.Second) / images.N;
    }
}

/// <summary>The trained substitute as a classifier to attack, and the mean logit-matching loss of each epoch.</summary>
public sealed record SubstituteResult(NetworkClassifier Substitute, IReadOnlyList<float> EpochLosses);
