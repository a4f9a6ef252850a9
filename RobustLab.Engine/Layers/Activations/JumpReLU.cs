using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    internal static void Jump(ReadOnlySpan<float> z, Span<float> y, float kappa) => SelectAbove(z, z, y, kappa);

    internal static void JumpGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> dy, Span<float> dz, float kappa) => SelectAbove(z, dy, dz, kappa);

    /// <summary>dst[i] = z[i] &gt; κ ? v[i] : 0 (NaN in z gives 0), 16 lanes at a time.</summary>
    internal static void SelectAbove(ReadOnlySpan<float> z, ReadOnlySpan<float> v, Span<float> dst, float kappa)
    {
        int n = z.Length;
        if (v.Length != n || dst.Length != n) throw new ArgumentException($"Lengths differ: z {n}, v {v.Length}, dst {dst.Length}.");
        ref float zr = ref MemoryMarshal.GetReference(z);
        ref float vr = ref MemoryMarshal.GetReference(v);
        ref float dr = ref MemoryMarshal.GetReference(dst);
        var k = Vector512.Create(kappa);
        int i = 0;
        for (; i <= n - 16; i += 16)
        {
            var above = Vector512.GreaterThan(Vector512.LoadUnsafe(ref zr, (nuint)i), k);
            Vector512.ConditionalSelect(above, Vector512.LoadUnsafe(ref vr, (nuint)i), Vector512<float>.Zero).StoreUnsafe(ref dr, (nuint)i);
        }
        for (; i < n; i++) dst[i] = z[i] > kappa ? v[i] : 0f;
    }
}
