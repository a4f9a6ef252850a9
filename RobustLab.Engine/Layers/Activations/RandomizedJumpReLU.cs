namespace RobustLab.Engine.Layers.Activations;

/// <summary>Randomized JumpReLU (Erichson et al., App. C): a JumpReLU whose κ ~ U[a, b] is drawn anew for every forward pass.</summary>
/// <remarks>
/// The paper sets a = 0.6·b. One κ is drawn per forward pass (per batch, per slot) from a seeded
/// stream; Backward uses the κ of the last forward pass.
/// </remarks>
public sealed class RandomizedJumpReLU : Activation
{
    public float B { get; }
    public float A => 0.6f * B;
    public int Seed { get; }

    /// <summary>The κ drawn for the current forward pass.</summary>
    public float Kappa { get; private set; }

    private readonly Random _rng;

    public RandomizedJumpReLU(float b, int seed = 0)
    {
        if (!float.IsFinite(b) || b < 0) throw new ArgumentOutOfRangeException(nameof(b), $"Randomized JumpReLU b must be finite and ≥ 0, got {b}.");
        (B, Seed) = (b, seed);
        _rng = new Random(seed);
        Kappa = B;
    }

    public override string Spec => $"rjumprelu:{B.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";

    public override void BeginForward() => Kappa = A + (B - A) * _rng.NextSingle();

    public override void Forward(ReadOnlySpan<float> z, Span<float> y) => JumpReLU.Jump(z, y, Kappa);

    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> dy, Span<float> dz) => JumpReLU.JumpGradient(z, dy, dz, Kappa);

    public override Activation Clone() => new RandomizedJumpReLU(B, Seed);
}
