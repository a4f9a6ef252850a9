using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace RobustLab.Engine.Attacks;

// Expectation over transformation (Athalye, Engstrom, Ilyas & Kwok 2018; Athalye, Carlini & Wagner 2018 §4.3):
// against a randomized classifier f_r, ascend ∇ₓ E_r[ℓ(f_r(x))] ≈ (1/m) Σⱼ ∇ₓ ℓ(f_{rⱼ}(x)), one fresh draw rⱼ
// of the model's own randomness (smoothing noise, randomized-JumpReLU κ, ...) per InputGradient call.

/// <summary>A classifier whose input gradient is the mean of m gradients of the wrapped (randomized) classifier.</summary>
/// <remarks>
/// Logits are one draw of the wrapped model; the logits returned with the gradient are the mean of the m draws.
/// With m = 1 this is the wrapped model exactly. On a deterministic model all m gradients are the same.
/// </remarks>
public sealed class ExpectationOverTransformation : IClassifier, IClassifierWrapper
{
    public ExpectationOverTransformation(IClassifier model, int samples)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (samples < 1) throw new ArgumentOutOfRangeException(nameof(samples), $"EOT needs m ≥ 1 samples, got {samples}.");
        (Model, Samples) = (model, samples);
    }

    public IClassifier Model { get; }

    /// <summary>m: gradient draws averaged per call.</summary>
    public int Samples { get; }

    IClassifier IClassifierWrapper.Inner => Model;
    public int[] InputShape => Model.InputShape;
    public int Classes => Model.Classes;
    public string Description => $"{Model.Description}, EOT m={Samples}";

    public Tensor Logits(Tensor x) => Model.Logits(x);

    public (Tensor Gradient, Tensor Logits) InputGradient(Tensor x, Func<Tensor, Tensor> lossGradient)
    {
        var (gradient, logits) = Model.InputGradient(x, lossGradient);
        if (Samples == 1) return (gradient, logits);
        for (int j = 1; j < Samples; j++)
        {
            var (g, z) = Model.InputGradient(x, lossGradient);
            TensorPrimitives.Add(gradient.Data, g.Data, gradient.Data);
            TensorPrimitives.Add(logits.Data, z.Data, logits.Data);
        }
        TensorPrimitives.Multiply(gradient.Data, 1f / Samples, gradient.Data);
        TensorPrimitives.Multiply(logits.Data, 1f / Samples, logits.Data);
        return (gradient, logits);
    }
}
