using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Defenses;

/// <summary>Two classes split by the first pixel: z = (½ − x₀, x₀ − ½), so class 1 iff x₀ &gt; ½.</summary>
internal sealed class ThresholdClassifier : IClassifier
{
    public int[] InputShape => [1, 2, 2];
    public int Classes => 2;
    public string Description => "threshold";

    public Tensor Logits(Tensor x)
    {
        var logits = new Tensor(x.N, 2);
        for (int r = 0; r < x.N; r++)
        {
            float x0 = x[r * x.ExampleSize];
            logits[2 * r] = 0.5f - x0;
            logits[2 * r + 1] = x0 - 0.5f;
        }
        return logits;
    }

    public (Tensor Gradient, Tensor Logits) InputGradient(Tensor x, Func<Tensor, Tensor> lossGradient)
    {
        var logits = Logits(x);
        var dz = lossGradient(logits);
        var gradient = Tensor.ZerosLike(x);
        for (int r = 0; r < x.N; r++) gradient[r * x.ExampleSize] = dz[2 * r + 1] - dz[2 * r];
        return (gradient, logits);
    }
}
