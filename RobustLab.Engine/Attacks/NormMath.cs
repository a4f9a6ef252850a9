using RobustLab.Engine.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace RobustLab.Engine.Attacks;

/// <summary>
/// The norm math, written once (the foolbox way): the steepest-ascent step direction under a norm,
/// the projection onto the ε-ball, and per-example measurements. Every gradient attack is a loop over these.
/// </summary>
/// <remarks>
/// Direction: L∞ → sign(g); L2 → g/‖g‖₂ (per example; a zero gradient gives a zero step).
/// Projection: L∞ → clip δ to [−ε, ε] elementwise; L2 → δ·min(1, ε/‖δ‖₂). Then the pixel box [0,1].
/// NOTE: clipping to [0,1] after projecting keeps ‖δ‖ ≤ ε, because clipping only shrinks |δᵢ|.
/// </remarks>
public static class NormMath
{
    /// <summary>g [N,...] → unit-norm steepest-ascent direction per example.</summary>
    public static Tensor Direction(Tensor g, LpNorm norm)
    {
        var d = Tensor.ZerosLike(g);
        int size = g.ExampleSize;
        for (int n = 0; n < g.N; n++)
        {
            var src = g.Data.AsSpan(n * size, size);
            var dst = d.Data.AsSpan(n * size, size);
            if (norm == LpNorm.Linf)
            {
                // NOTE: sign(0) = 0, as torch.sign: a component whose gradient is exactly zero does not move.
                for (int i = 0; i < size; i++) dst[i] = src[i] > 0 ? 1f : src[i] < 0 ? -1f : 0f;
            }
            else
            {
                float length = TensorPrimitives.Norm(src);
                if (length > 0) TensorPrimitives.Multiply(src, 1f / length, dst);
            }
        }
        return d;
    }

    /// <summary>g [N,...] → g/‖g‖ per example (a zero gradient gives zero): Kurakin's "fast grad" normalisation (App. A).</summary>
    /// <remarks>
    /// L2 → g/‖g‖₂ (the same as <see cref="Direction"/>); L∞ → g/‖g‖∞, whose largest entry is ±1 and
    /// the rest keep their relative size — NOT sign(g), which is the steepest-ascent direction.
    /// </remarks>
    public static Tensor Normalize(Tensor g, LpNorm norm)
    {
        if (norm == LpNorm.L2) return Direction(g, norm);
        var d = Tensor.ZerosLike(g);
        int size = g.ExampleSize;
        for (int n = 0; n < g.N; n++)
        {
            var src = g.Data.AsSpan(n * size, size);
            float length = MathF.Abs(TensorPrimitives.MaxMagnitude(src));
            if (length > 0) TensorPrimitives.Divide(src, length, d.Data.AsSpan(n * size, size));
        }
        return d;
    }

    /// <summary>Projects x̃ onto {x̃ : ‖x̃ − x‖ ≤ ε} ∩ [0,1]ⁿ in place.</summary>
    public static void Project(Tensor adversarial, Tensor clean, LpNorm norm, float epsilon)
    {
        int size = clean.ExampleSize;
        var delta = new float[size];
        for (int n = 0; n < clean.N; n++)
        {
            var a = adversarial.Data.AsSpan(n * size, size);
            var x = clean.Data.AsSpan(n * size, size);
            TensorPrimitives.Subtract(a, x, delta);
            if (norm == LpNorm.Linf)
            {
                TensorPrimitives.Clamp(delta, -epsilon, epsilon, delta);
            }
            else
            {
                float length = TensorPrimitives.Norm(delta);
                if (length > epsilon) TensorPrimitives.Multiply(delta, epsilon / length, delta);
            }
            TensorPrimitives.Add(x, delta, a);
            TensorPrimitives.Clamp(a, 0f, 1f, a);
        }
    }

    /// <summary>Clips every pixel to [0,1] in place.</summary>
    public static void ClipToBox(Tensor x) => TensorPrimitives.Clamp(x.Data, 0f, 1f, x.Data);

    /// <summary>‖vᵢ‖ of each example of v [N,...].</summary>
    public static float[] Measure(Tensor v, LpNorm norm)
    {
        int size = v.ExampleSize;
        var result = new float[v.N];
        for (int n = 0; n < v.N; n++)
        {
            var s = v.Data.AsSpan(n * size, size);
            result[n] = norm == LpNorm.Linf ? MathF.Abs(TensorPrimitives.MaxMagnitude(s)) : TensorPrimitives.Norm(s);
        }
        return result;
    }

    /// <summary>‖x̃ᵢ − xᵢ‖ per example.</summary>
    public static float[] Distance(Tensor adversarial, Tensor clean, LpNorm norm)
    {
        var delta = new Tensor(clean.Shape);
        TensorPrimitives.Subtract(adversarial.Data, clean.Data, delta.Data);
        return Measure(delta, norm);
    }
}
