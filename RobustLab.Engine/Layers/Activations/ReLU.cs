using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace RobustLab.Engine.Layers.Activations;

/// <summary>ReLU: f(z) = max(0, z), f′(z) = H(z). NOTE: f′(0) is taken as 0, as in PyTorch.</summary>
public sealed class ReLU : Activation
{
    public override string Spec => "relu";

    public override void Forward(ReadOnlySpan<float> z, Span<float> y) => TensorPrimitives.Max(z, 0f, y);

    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> dy, Span<float> dz) => JumpReLU.SelectAbove(z, dy, dz, 0f);

    public override Activation Clone() => new ReLU();
}
