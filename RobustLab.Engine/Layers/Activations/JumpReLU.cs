namespace RobustLab.Engine.Layers.Activations;

/// <summary>JumpReLU (Erichson, Yao, Mahoney, eq. 3): J(z) = z·H(z − κ), i.e. z if z &gt; κ else 0.</summary>
/// <remarks>
/// κ = 0 is ReLU. The jump is retrofitted into a ReLU-trained net at test time (§3).
/// f′(z) = H(z − κ). NOTE: the Dirac mass of the jump at z = κ is not part of the gradient —
/// which is exactly what makes gradient-based attacks see a masked landscape near the threshold.
/// </remarks>
public sealed class JumpReLU : Activation
{
    public float Kappa { get; }

    public JumpReLU(float kappa)
    {
        if (!float.IsFinite(kappa) || kappa < 0) throw new ArgumentOutOfRangeException(nameof(kappa), $"JumpReLU κ must be finite and ≥ 0, got {kappa}.");
        Kappa = kappa;
    }

    public override string Spec => $"jumprelu:{Kappa.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";

    public override void Forward(ReadOnlySpan<float> z, Span<float> y) => Jump(z, y, Kappa);

    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> dy, Span<float> dz) => JumpGradient(z, dy, dz, Kappa);

    public override Activation Clone() => new JumpReLU(Kappa);

    internal static void Jump(ReadOnlySpan<float> z, Span<float> y, float kappa)
    {
        for (int i = 0; i < z.Length; i++) y[i] = z[i] > kappa ? z[i] : 0f;
    }

    internal static void JumpGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> dy, Span<float> dz, float kappa)
    {
        for (int i = 0; i < z.Length; i++) dz[i] = z[i] > kappa ? dy[i] : 0f;
    }
}
