using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Defenses;

/// <summary>
/// A classifier with known outputs: it ignores its input and gives the r-th row it ever scores the logits
/// ln p of the r-th scripted probability row (cyclically). Votes are sums over samples, so which sample
/// gets which row does not matter — only that each row is served once per cycle.
/// </summary>
internal sealed class ScriptedClassifier(float[][] probabilities) : IClassifier
{
    private int _served;

    public int[] InputShape => [1, 2, 2];
    public int Classes => probabilities[0].Length;
    public string Description => "scripted";

    public Tensor Logits(Tensor x)
    {
        var logits = new Tensor(x.N, Classes);
        for (int r = 0; r < x.N; r++)
        {
            var p = probabilities[_served++ % probabilities.Length];
            for (int c = 0; c < Classes; c++) logits[r * Classes + c] = MathF.Log(p[c]);
        }
        return logits;
    }

    public (Tensor Gradient, Tensor Logits) InputGradient(Tensor x, Func<Tensor, Tensor> lossGradient)
    {
        var logits = Logits(x);
        lossGradient(logits);
        return (Tensor.ZerosLike(x), logits);
    }
}
