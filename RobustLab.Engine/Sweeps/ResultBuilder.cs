using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;

namespace RobustLab.Engine.Sweeps;

/// <summary>Assembles one <see cref="AttackResult"/> over a whole data set from the per-batch results it was measured in.</summary>
internal sealed class ResultBuilder(Tensor clean, int[] labels, bool targeted)
{
    private readonly Tensor _adversarial = Tensor.ZerosLike(clean);
    private readonly int[] _targets = targeted ? new int[labels.Length] : [];
    private readonly int[] _cleanPredictions = new int[labels.Length];
    private readonly int[] _adversarialPredictions = new int[labels.Length];
    private readonly bool[] _success = new bool[labels.Length];
    private readonly float[] _l2 = new float[labels.Length];
    private readonly float[] _linf = new float[labels.Length];
    private int[]? _queries;

    /// <summary>Stores the result for examples [offset, offset + batch.Count).</summary>
    public void Add(int offset, AttackResult batch)
    {
        batch.Adversarial.Data.CopyTo(_adversarial.Data, offset * clean.ExampleSize);
        batch.CleanPredictions.CopyTo(_cleanPredictions, offset);
        batch.AdversarialPredictions.CopyTo(_adversarialPredictions, offset);
        batch.Success.CopyTo(_success, offset);
        batch.L2.CopyTo(_l2, offset);
        batch.Linf.CopyTo(_linf, offset);
        if (targeted) batch.Targets!.CopyTo(_targets, offset);
        if (batch.Queries is not null) batch.Queries.CopyTo(_queries ??= new int[labels.Length], offset);
    }

    public AttackResult Build() =>
        new(_adversarial, labels, targeted ? _targets : null, _cleanPredictions, _adversarialPredictions, _success, _l2, _linf) { Queries = _queries };

    /// <summary>Batch ranges [start, start + count) covering n examples.</summary>
    public static IEnumerable<(int Index, int Start, int Count)> Batches(int n, int batchSize)
    {
        for (int b = 0, start = 0; start < n; b++, start += batchSize) yield return (b, start, Math.Min(batchSize, n - start));
    }
}
