namespace RobustLab.Engine.Layers.Activations;

/// <summary>Logistic sigmoid: f(z) = 1/(1 + e^−z), f′(z) = f(z)(1 − f(z)).</summary>
public sealed class Sigmoid : Activation
{
    public override string Spec => "sigmoid";

    public override void Forward(ReadOnlySpan<float> z, Span<float> y) => System.Numerics.Tensors.TensorPrimitives.Sigmoid(z, y);

    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> dy, Span<float> dz)
    {
        for (int i = 0; i < z.Length; i++) { float s = 1f / (1f + MathF.Exp(-z[i])); dz[i] = s * (1 - s) * dy[i]; }
    }

    public override Activation Clone() => new Sigmoid();
}
