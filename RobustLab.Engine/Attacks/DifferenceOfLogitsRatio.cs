using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Attacks;

/// <summary>The difference-of-logits-ratio loss (Croce &amp; Hein 2020, "Reliable evaluation of adversarial robustness…", §4, eqs. 6–7).</summary>
/// <remarks>
/// With z sorted z_π1 ≥ z_π2 ≥ … : DLR(z, y) = −(z_y − max_{i≠y} z_i) / (z_π1 − z_π3);
/// targeted DLR(z, y, t) = −(z_y − z_t) / (z_π1 − ½(z_π3 + z_π4)). Both are invariant to shifting and scaling the logits,
/// so a model that saturates its softmax (Borji's SReLU at large α) cannot hide behind a flat cross-entropy.
/// The denominator gets +10⁻¹² as in the authors' code. Gradients (d = denominator, u = numerator, ℓ = −u/d):
/// ∂ℓ/∂z_y = −1/d, ∂ℓ/∂z_other = +1/d, ∂ℓ/∂z_π1 += u/d², ∂ℓ/∂z_π3 −= u/d² (targeted: −u/(2d²) on each of π3, π4).
/// </remarks>
public static class DifferenceOfLogitsRatio
{
    public static LogitLoss Untargeted(int[] labels) => new("dlr",
        logits => Compute(logits, labels, null, null),
        logits => { var g = new Tensor(logits.Shape); Compute(logits, labels, null, g); return g; });

    public static LogitLoss Targeted(int[] labels, int[] targets) => new("dlr-targeted",
        logits => Compute(logits, labels, targets, null),
        logits => { var g = new Tensor(logits.Shape); Compute(logits, labels, targets, g); return g; });

    private static float[] Compute(Tensor logits, int[] labels, int[]? targets, Tensor? gradient)
    {
        int n = logits.Shape[0], k = logits.Shape[1];
        if (k < (targets is null ? 3 : 4)) throw new ArgumentException($"The DLR loss needs at least {(targets is null ? 3 : 4)} classes, got {k}.");
        var value = new float[n];
        var order = new int[k];
        for (int i = 0; i < n; i++)
        {
            var z = logits.Data.AsSpan(i * k, k);
            for (int j = 0; j < k; j++) order[j] = j;
            var keys = z.ToArray();
            Array.Sort(keys, order); // ascending, as torch.sort: π1 = order[k−1]
            int y = labels[i], p1 = order[k - 1], p3 = order[k - 3];
            int other = targets?[i] ?? (p1 == y ? order[k - 2] : p1);
            float u = z[y] - z[other];
            float d = targets is null ? z[p1] - z[p3] + 1e-12f : z[p1] - 0.5f * (z[p3] + z[order[k - 4]]) + 1e-12f;
            value[i] = -u / d;
            if (gradient is null) continue;
            var g = gradient.Data.AsSpan(i * k, k);
            g[y] -= 1f / d;
            g[other] += 1f / d;
            float c = u / (d * d);
            g[p1] += c;
            if (targets is null) g[p3] -= c;
            else
            {
                g[p3] -= 0.5f * c;
                g[order[k - 4]] -= 0.5f * c;
            }
        }
        return value;
    }
}
