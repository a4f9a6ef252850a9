using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Metrics;

/// <summary>Examples whose input gradient ∇ₓJ(x, y) of the cross-entropy is exactly zero: the gradient-masking signal.</summary>
/// <remarks>
/// A saturated softmax (Borji's SReLU at large α scales the logits) rounds exp(log softmax) to exactly 1 for the
/// predicted class and to 0 for the others, so ∂J/∂z = 0 and every gradient attack stands still (sign(0) = 0):
/// accuracy under FGSM/PGD then says nothing about robustness (Athalye, Carlini &amp; Wagner 2018, §3.1).
/// The loss is <see cref="Losses.CrossEntropy"/>, evaluated as PyTorch evaluates it, so the count matches PyTorch's
/// per-example gradients (reduction "sum"; a batch mean scales by 1/N and underflows to zero on more examples).
/// </remarks>
public static class ZeroGradient
{
    /// <summary>x [N,C,H,W], labels [N] → whether each example's input gradient is exactly zero.</summary>
    public static bool[] Examples(IClassifier model, Tensor x, int[] labels)
    {
        var (gradient, _) = model.InputGradient(x, Losses.CrossEntropy(labels));
        int size = x.ExampleSize;
        return Enumerable.Range(0, x.N).Select(n => gradient.Data.AsSpan(n * size, size).IndexOfAnyExcept(0f) < 0).ToArray();
    }

    /// <summary>The fraction of the examples whose input gradient is exactly zero, batch by batch; null for no examples.</summary>
    public static float? Fraction(IClassifier model, Tensor images, int[] labels, int batchSize, CancellationToken ct = default)
    {
        if (images.N == 0) return null;
        int zero = 0;
        for (int start = 0; start < images.N; start += batchSize)
        {
            ct.ThrowIfCancellationRequested();
            int count = Math.Min(batchSize, images.N - start);
            zero += Examples(model, images.Slice(start, count), labels[start..(start + count)]).Count(z => z);
        }
        return (float)zero / images.N;
    }
}
