using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace RobustLab.Engine.Layers.Activations;

/// <summary>Sloped ReLU (Borji §1): SReLU(α, z) = α·max(0, z); f′(z) = α·H(z).</summary>
/// <remarks>α = 1 is ReLU. Swapped in at test time; large α scales logits, saturating the softmax.</remarks>
public sealed class SlopedReLU : Activation
{
    public float Alpha { get; }

    public SlopedReLU(float alpha)
    {
        if (!float.IsFinite(alpha) || alpha <= 0) throw new ArgumentOutOfRangeException(nameof(alpha), $"SReLU α must be finite and > 0, got {alpha}.");
        Alpha = alpha;
    }

    public override string Spec => $"srelu:{Alpha.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";

    public override void Forward(ReadOnlySpan<float> z, Span<float> y)
    {
        TensorPrimitives.Max(z, 0f, y);
        TensorPrimitives.Multiply(y, Alpha, y);
    }

    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> dy, Span<float> dz)
    {
        JumpReLU.SelectAbove(z, dy, dz, 0f);
        TensorPrimitives.Multiply(dz, Alpha, dz);
    }

    public override Activation Clone() => new SlopedReLU(Alpha);
}
