using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Training;

/// <summary>Softmax cross-entropy from logits, with optional per-example weights.</summary>
/// <remarks>
/// L = Σᵢ wᵢ·(−log softmax(zᵢ)[yᵢ]) / Σᵢ wᵢ (wᵢ = 1: the mean). Computed with the log-sum-exp shift
/// for stability. ∂L/∂zᵢ = wᵢ·(softmax(zᵢ) − onehot(yᵢ)) / Σ w. Per-example weights carry
/// Kurakin et al.'s λ for adversarial examples (§3, eq. 1).
/// </remarks>
public static class SoftmaxCrossEntropy
{
    /// <summary>logits [N,K], labels [N] → (mean loss, ∂L/∂logits [N,K]).</summary>
    public static (float Loss, Tensor Gradient) Compute(Tensor logits, ReadOnlySpan<int> labels, ReadOnlySpan<float> weights = default)
    {
        if (logits.Rank != 2) throw new ArgumentException($"Logits must be [N,K], got {logits.ShapeString}.");
        int n = logits.Shape[0], k = logits.Shape[1];
        if (labels.Length != n) throw new ArgumentException($"{labels.Length} labels for {n} examples.");
        if (!weights.IsEmpty && weights.Length != n) throw new ArgumentException($"{weights.Length} weights for {n} examples.");
        double totalWeight = 0;
        for (int i = 0; i < n; i++) totalWeight += weights.IsEmpty ? 1 : weights[i];
        var grad = new Tensor(n, k);
        if (totalWeight <= 0) return (0f, grad);
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            if ((uint)labels[i] >= (uint)k) throw new ArgumentOutOfRangeException(nameof(labels), $"Label {labels[i]} outside 0..{k - 1}.");
            var z = logits.Data.AsSpan(i * k, k);
            var g = grad.Data.AsSpan(i * k, k);
            float logSumExp = LogSoftmax(z, g);
            double w = weights.IsEmpty ? 1 : weights[i];
            loss += w * (logSumExp - z[labels[i]]);
            float scale = (float)(w / totalWeight);
            for (int j = 0; j < k; j++) g[j] = MathF.Exp(z[j] - logSumExp) * scale;
            g[labels[i]] -= scale;
        }
        return ((float)(loss / totalWeight), grad);
    }

    /// <summary>Softmax probabilities, row by row: logits [N,K] → p [N,K].</summary>
    public static Tensor Softmax(Tensor logits)
    {
        int n = logits.Shape[0], k = logits.Shape[1];
        var p = new Tensor(n, k);
        for (int i = 0; i < n; i++)
        {
            var z = logits.Data.AsSpan(i * k, k);
            var row = p.Data.AsSpan(i * k, k);
            float lse = LogSoftmax(z, row);
            for (int j = 0; j < k; j++) row[j] = MathF.Exp(z[j] - lse);
        }
        return p;
    }

    /// <summary>Index of the largest logit of each row.</summary>
    public static int[] Argmax(Tensor logits)
    {
        int n = logits.Shape[0], k = logits.Shape[1];
        var result = new int[n];
        for (int i = 0; i < n; i++)
            result[i] = TensorPrimitives.IndexOfMax(logits.Data.AsSpan(i * k, k));
        return result;
    }

    // Returns log Σ exp z (stable); scratch is unused space of the same length.
    private static float LogSoftmax(ReadOnlySpan<float> z, Span<float> scratch)
    {
        float max = TensorPrimitives.Max(z);
        double s = 0;
        for (int j = 0; j < z.Length; j++) s += Math.Exp(z[j] - max);
        scratch.Clear();
        return max + (float)Math.Log(s);
    }
}
