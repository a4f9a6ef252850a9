using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace RobustLab.Engine.Defenses;

// Input scaling (Borji §3, Fig. 7): the model sees u = s·x, clipped to [0,1] (Fig. 7 left) or not (right);
// Borji finds clipping gives no robustness while the unclipped scaling resembles raising the SReLU slope.
// ∂ℓ/∂x = s·∂ℓ/∂u where u passes through (0 ≤ s·x ≤ 1, or always without clipping), 0 where it is clipped.

/// <summary>A classifier that multiplies its input by a factor s before the wrapped model, with or without clipping to [0,1].</summary>
/// <remarks>NOTE: like PyTorch's clamp, the gradient passes at the box edges (s·x = 0 or 1 exactly); it is 0 only strictly outside.</remarks>
public sealed class InputScaling : IClassifier, IClassifierWrapper
{
    public InputScaling(IClassifier baseModel, float scale, bool clip = true)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        if (!float.IsFinite(scale) || scale <= 0) throw new ArgumentOutOfRangeException(nameof(scale), $"Input scale must be finite and > 0, got {scale}.");
        (Base, Scale, Clip) = (baseModel, scale, clip);
    }

    public IClassifier Base { get; }
    public float Scale { get; }
    public bool Clip { get; }

    IClassifier IClassifierWrapper.Inner => Base;
    public int[] InputShape => Base.InputShape;
    public int Classes => Base.Classes;
    public string Description => $"{Base.Description}, input ×{Scale:G4}{(Clip ? " clipped" : "")}";

    public Tensor Logits(Tensor x) => Base.Logits(Scaled(x));

    public (Tensor Gradient, Tensor Logits) InputGradient(Tensor x, Func<Tensor, Tensor> lossGradient)
    {
        var (gradient, logits) = Base.InputGradient(Scaled(x), lossGradient);
        TensorPrimitives.Multiply(gradient.Data, Scale, gradient.Data);
        if (Clip)
        {
            var g = gradient.Data;
            for (int i = 0; i < g.Length; i++)
            {
                float u = Scale * x.Data[i];
                if (u < 0f || u > 1f) g[i] = 0f;
            }
        }
        return (gradient, logits);
    }

    // x [N,C,H,W] → s·x (clipped to [0,1] when Clip).
    private Tensor Scaled(Tensor x)
    {
        var u = Tensor.ZerosLike(x);
        TensorPrimitives.Multiply(x.Data, Scale, u.Data);
        if (Clip) TensorPrimitives.Clamp(u.Data, 0f, 1f, u.Data);
        return u;
    }
}
