namespace RobustLab.Engine.Layers.Activations;

/// <summary>Leaky ReLU: f(z) = z for z &gt; 0, s·z otherwise (PyTorch default s = 0.01).</summary>
public sealed class LeakyReLU(float slope = 0.01f) : Activation
{
    public float Slope { get; } = slope;

    public override string Spec => $"leakyrelu:{Slope.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";

    public override void Forward(ReadOnlySpan<float> z, Span<float> y)
    {
        for (int i = 0; i < z.Length; i++) y[i] = z[i] > 0 ? z[i] : Slope * z[i];
    }

    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> dy, Span<float> dz)
    {
        for (int i = 0; i < z.Length; i++) dz[i] = z[i] > 0 ? dy[i] : Slope * dy[i];
    }

    public override Activation Clone() => new LeakyReLU(Slope);
}
