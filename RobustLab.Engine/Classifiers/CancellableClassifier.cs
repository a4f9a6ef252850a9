using RobustLab.Engine.Defenses;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Classifiers;

/// <summary>A classifier that checks a cancellation token before every forward and backward pass of the one it wraps.</summary>
/// <remarks>
/// Attacks check their token once per iteration, but one iteration against randomized smoothing is n noisy copies of
/// the batch (up to 256 × 256 rows, several seconds of work). Wrapped around the network itself, innermost, this
/// makes every stack of at most 1024 rows a point where a cancelled sweep stops, so a job ends within a second of
/// its cancellation; it changes no result.
/// </remarks>
public sealed class CancellableClassifier(IClassifier inner, CancellationToken cancellation) : IClassifier, IClassifierWrapper
{
    public IClassifier Inner { get; } = inner;
    public int[] InputShape => Inner.InputShape;
    public int Classes => Inner.Classes;
    public string Description => Inner.Description;

    public Tensor Logits(Tensor x)
    {
        cancellation.ThrowIfCancellationRequested();
        return Inner.Logits(x);
    }

    public (Tensor Gradient, Tensor Logits) InputGradient(Tensor x, Func<Tensor, Tensor> lossGradient)
    {
        cancellation.ThrowIfCancellationRequested();
        return Inner.InputGradient(x, lossGradient);
    }
}
