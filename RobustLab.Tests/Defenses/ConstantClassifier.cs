using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Defenses;

/// <summary>Predicts the same class for every input (logit 1 for it, 0 for the others); its input gradient is 0.</summary>
internal sealed class ConstantClassifier(int classes, int predicted) : IClassifier
{
    public int[] InputShape => [1, 2, 2];
    public int Classes => classes;
    public string Description => $"always {predicted}";

    public Tensor Logits(Tensor x)
    {
        var logits = new Tensor(x.N, classes);
        for (int r = 0; r < x.N; r++) logits[r * classes + predicted] = 1f;
        return logits;
    }

    public (Tensor Gradient, Tensor Logits) InputGradient(Tensor x, Func<Tensor, Tensor> lossGradient)
    {
        var logits = Logits(x);
        lossGradient(logits);
        return (Tensor.ZerosLike(x), logits);
    }
}
