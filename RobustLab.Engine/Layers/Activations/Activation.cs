namespace RobustLab.Engine.Layers.Activations;

/// <summary>A pointwise activation f: its forward and the local derivative used by Backward.</summary>
/// <remarks>
/// Backward gets the pre-activation z (not the output), so any activation can serve as the
/// backward surrogate of another in an <see cref="ActivationSlot"/> (BPDA).
/// <see cref="Spec"/> is the parseable name, e.g. "jumprelu:0.5" (see <see cref="ActivationCatalog"/>).
/// </remarks>
public abstract class Activation
{
    public abstract string Spec { get; }

    /// <summary>y = f(z), elementwise.</summary>
    public abstract void Forward(ReadOnlySpan<float> z, Span<float> y);

    /// <summary>dz = f′(z)·dy, elementwise.</summary>
    public abstract void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> dy, Span<float> dz);

    /// <summary>Called once before each forward pass over a batch (randomised activations draw here).</summary>
    public virtual void BeginForward() { }

    /// <summary>A fresh instance with the same settings (randomised ones restart their seeded stream).</summary>
    public abstract Activation Clone();

    public override string ToString() => Spec;
}
