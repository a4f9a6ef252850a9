namespace RobustLab.Engine.Layers.Activations;

/// <summary>Softplus: f(z) = log(1 + e^z), f′(z) = σ(z). Linear above z = 20, as PyTorch, to avoid overflow.</summary>
public sealed class Softplus : Activation
{
    private const float Threshold = 20f;

    public override string Spec => "softplus";

    public override void Forward(ReadOnlySpan<float> z, Span<float> y)
    {
        for (int i = 0; i < z.Length; i++) y[i] = z[i] > Threshold ? z[i] : MathF.Log(1 + MathF.Exp(z[i]));
    }

    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> dy, Span<float> dz)
    {
        for (int i = 0; i < z.Length; i++) dz[i] = z[i] > Threshold ? dy[i] : dy[i] / (1 + MathF.Exp(-z[i]));
    }

    public override Activation Clone() => new Softplus();
}
