using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Attacks;

/// <summary>A real classifier that refuses to give gradients and counts its forward passes per example: what a black-box attacker sees.</summary>
internal sealed class GradientFreeClassifier(IClassifier inner) : IClassifier
{
    public int[] InputShape => inner.InputShape;
    public int Classes => inner.Classes;
    public string Description => inner.Description + " (black box)";

    /// <summary>Images passed through <see cref="Logits"/> so far.</summary>
    public long Evaluations { get; private set; }

    public Tensor Logits(Tensor x)
    {
        Evaluations += x.N;
        return inner.Logits(x);
    }

    public (Tensor Gradient, Tensor Logits) InputGradient(Tensor x, Func<Tensor, Tensor> lossGradient) =>
        throw new InvalidOperationException("A black-box attack asked for a gradient.");
}
