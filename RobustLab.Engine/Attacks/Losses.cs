using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Attacks;

/// <summary>Per-example loss gradients ∂ℓₙ/∂zₙ of the logits, for <see cref="Classifiers.IClassifier.InputGradient"/>.</summary>
public static class Losses
{
    /// <summary>Cross-entropy J(x, y) = −log softmax(z)[y]: ∂J/∂z = softmax(z) − onehot(y). Ascending it is FGSM's direction (Kurakin eq. 1).</summary>
    public static Func<Tensor, Tensor> CrossEntropy(int[] labels) => logits =>
    {
        int n = logits.Shape[0], k = logits.Shape[1];
        var p = Training.SoftmaxCrossEntropy.Softmax(logits);
        for (int i = 0; i < n; i++) p.Data[i * k + labels[i]] -= 1f;
        return p;
    };

    /// <summary>−J(x, t): ascending it descends the cross-entropy towards target t (targeted FGSM, step l.l.).</summary>
    public static Func<Tensor, Tensor> TowardsTarget(int[] targets) => logits =>
    {
        var g = CrossEntropy(targets)(logits);
        System.Numerics.Tensors.TensorPrimitives.Negate(g.Data, g.Data);
        return g;
    };

    /// <summary>Entropy H(p) = −Σⱼ pⱼ log pⱼ of the predicted distribution p = softmax(z) ("fast entropy", Kurakin App. A).</summary>
    /// <remarks>∂H/∂zⱼ = −pⱼ·(log pⱼ + H). NOTE: log pⱼ is taken as zⱼ − logsumexp(z), so pⱼ → 0 gives 0, never NaN.</remarks>
    public static Func<Tensor, Tensor> Entropy() => logits =>
    {
        int n = logits.Shape[0], k = logits.Shape[1];
        var g = new Tensor(n, k);
        for (int i = 0; i < n; i++)
        {
            var z = logits.Data.AsSpan(i * k, k);
            var row = g.Data.AsSpan(i * k, k);
            float max = System.Numerics.Tensors.TensorPrimitives.Max(z);
            double sum = 0;
            for (int j = 0; j < k; j++) sum += Math.Exp(z[j] - max);
            double logSumExp = max + Math.Log(sum), entropy = 0;
            for (int j = 0; j < k; j++)
            {
                double logP = z[j] - logSumExp;
                entropy -= Math.Exp(logP) * logP;
            }
            for (int j = 0; j < k; j++)
            {
                double logP = z[j] - logSumExp;
                row[j] = (float)(-Math.Exp(logP) * (logP + entropy));
            }
        }
        return g;
    };

    /// <summary>The least likely class y_LL = argmin_y p(y | x) = argmin_y z_y of each row of logits [N,K] (Kurakin §2.2).</summary>
    public static int[] LeastLikely(Tensor logits)
    {
        int n = logits.Shape[0], k = logits.Shape[1];
        var result = new int[n];
        for (int i = 0; i < n; i++) result[i] = System.Numerics.Tensors.TensorPrimitives.IndexOfMin(logits.Data.AsSpan(i * k, k));
        return result;
    }
}
