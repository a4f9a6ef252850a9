namespace RobustLab.Engine.Layers.Activations;

/// <summary>Tanh: f(z) = tanh z, f′(z) = 1 − tanh² z.</summary>
public sealed class Tanh : Activation
{
    public override string Spec => "tanh";

    public override void Forward(ReadOnlySpan<float> z, Span<float> y) => System.Numerics.Tensors.TensorPrimitives.Tanh(z, y);

    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> dy, Span<float> dz)
    {
        for (int i = 0; i < z.Length; i++) { float t = MathF.Tanh(z[i]); dz[i] = (1 - t * t) * dy[i]; }
    }

    public override Activation Clone() => new Tanh();
}
