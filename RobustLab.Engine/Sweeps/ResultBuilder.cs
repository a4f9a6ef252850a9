using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;

namespace RobustLab.Engine.Sweeps;

/// <summary>Assembles one <see cref="AttackResult"/> over a whole data set from the batches it was attacked in.</summary>
/// <remarks>Success is judged on the measured (target) model: untargeted — adversarial prediction ≠ label; targeted — = target.</remarks>
internal sealed class ResultBuilder(Tensor clean, int[] labels, bool targeted)
{
    private readonly Tensor _adversarial = Tensor.ZerosLike(clean);
    private readonly int[] _targets = targeted ? new int[labels.Length] : [];
    private readonly int[] _cleanPredictions = new int[labels.Length];
    private readonly int[] _adversarialPredictions = new int[labels.Length];

    /// <summary>Stores examples [offset, offset + N) of the attacked batch: x̃ [N,...], its predictions and the clean ones, and targets.</summary>
    public void Add(int offset, Tensor adversarial, int[] adversarialPredictions, ReadOnlySpan<int> cleanPredictions, int[]? targets)
    {
        adversarial.Data.CopyTo(_adversarial.Data, offset * clean.ExampleSize);
        adversarialPredictions.CopyTo(_adversarialPredictions, offset);
        cleanPredictions.CopyTo(_cleanPredictions.AsSpan(offset));
        if (targeted) targets!.CopyTo(_targets, offset);
    }

    /// <summary>The adversarial examples assembled so far (for reuse on other target models).</summary>
    public Tensor Adversarial => _adversarial;

    public int[]? Targets => targeted ? _targets : null;

    public AttackResult Build()
    {
        var success = new bool[labels.Length];
        for (int i = 0; i < labels.Length; i++)
            success[i] = targeted ? _adversarialPredictions[i] == _targets[i] : _adversarialPredictions[i] != labels[i];
        return new AttackResult(_adversarial, labels, Targets, _cleanPredictions, _adversarialPredictions, success,
            NormMath.Distance(_adversarial, clean, LpNorm.L2), NormMath.Distance(_adversarial, clean, LpNorm.Linf));
    }

    /// <summary>Batch ranges [start, start + count) covering n examples.</summary>
    public static IEnumerable<(int Index, int Start, int Count)> Batches(int n, int batchSize)
    {
        for (int b = 0, start = 0; start < n; b++, start += batchSize) yield return (b, start, Math.Min(batchSize, n - start));
    }

    /// <summary>Arg-max predictions of <paramref name="model"/> on every example of x [N,...], in batches.</summary>
    public static int[] Predict(IClassifier model, Tensor x, int batchSize, CancellationToken ct)
    {
        var predictions = new int[x.N];
        foreach (var (_, start, count) in Batches(x.N, batchSize))
        {
            ct.ThrowIfCancellationRequested();
            SoftmaxCrossEntropy.Argmax(model.Logits(x.Slice(start, count))).CopyTo(predictions, start);
        }
        return predictions;
    }
}
