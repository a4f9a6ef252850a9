using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Attacks;

/// <summary>A per-example loss of the logits with its value and its gradient, for attacks that keep the best iterate by loss (APGD).</summary>
/// <param name="Name">"ce", "dlr", "dlr-targeted".</param>
/// <param name="Value">logits [N,K] → ℓₙ [N].</param>
/// <param name="Gradient">logits [N,K] → ∂ℓₙ/∂zₙ [N,K] (what <see cref="Classifiers.IClassifier.InputGradient"/> takes).</param>
public sealed record LogitLoss(string Name, Func<Tensor, float[]> Value, Func<Tensor, Tensor> Gradient)
{
    /// <summary>Cross-entropy ℓ = −log softmax(z)[y] = logsumexp(z) − z_y.</summary>
    public static LogitLoss CrossEntropy(int[] labels) => new("ce", logits =>
    {
        int n = logits.Shape[0], k = logits.Shape[1];
        var value = new float[n];
        for (int i = 0; i < n; i++)
        {
            var z = logits.Data.AsSpan(i * k, k);
            float max = System.Numerics.Tensors.TensorPrimitives.Max(z);
            double sum = 0;
            for (int j = 0; j < k; j++) sum += Math.Exp(z[j] - max);
            value[i] = (float)(max + Math.Log(sum) - z[labels[i]]);
        }
        return value;
    }, Losses.CrossEntropy(labels));
}
