namespace RobustLab.Engine.Layers.Activations;

/// <summary>ELU: f(z) = z for z &gt; 0, α(e^z − 1) otherwise; f′(z) = 1 or α·e^z.</summary>
public sealed class Elu(float alpha = 1f) : Activation
{
    public float Alpha { get; } = alpha;

    public override string Spec => Alpha == 1f ? "elu" : $"elu:{Alpha.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";

    public override void Forward(ReadOnlySpan<float> z, Span<float> y)
    {
        for (int i = 0; i < z.Length; i++) y[i] = z[i] > 0 ? z[i] : Alpha * (MathF.Exp(z[i]) - 1);
    }

    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> dy, Span<float> dz)
    {
        for (int i = 0; i < z.Length; i++) dz[i] = z[i] > 0 ? dy[i] : Alpha * MathF.Exp(z[i]) * dy[i];
    }

    public override Activation Clone() => new Elu(Alpha);
}
