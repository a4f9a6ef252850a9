namespace RobustLab.Engine.Attacks;

/// <summary>FAB's projection of a point onto the hyperplane {z : w·z = b} intersected with the box [0,1]ᵈ, in L∞ or L2 (Croce &amp; Hein,
/// ICML 2020, "Minimally distorted adversarial examples with a fast adaptive boundary attack", §3.1 and App. A).</summary>
/// <remarks>
/// Returns the smallest δ (in the norm) with w·(t + δ) = b and t + δ ∈ [0,1]ᵈ, or the largest feasible move towards it when the
/// hyperplane cannot be reached inside the box. Both solve the KKT conditions by sorting the coordinates by the step at which each
/// hits the box and a binary search for the multiplier; this is a per-row port of the authors' fab_projections.py (projection_linf,
/// projection_l2), branch for branch, so FAB-T moves exactly as theirs does.
/// </remarks>
public static class FabProjection
{
    /// <summary>L∞: δ for point t, normal w, offset b (all length d).</summary>
    public static float[] Linf(ReadOnlySpan<float> t, ReadOnlySpan<float> wIn, float b)
    {
        int dim = t.Length;
        var w = wIn.ToArray();
        float sign = Dot(w, t) - b >= 0 ? 1f : -1f;
        for (int i = 0; i < dim; i++) w[i] *= sign;
        b *= sign;
        var a = new float[dim];
        var d = new float[dim];
        var p = new float[dim];
        for (int i = 0; i < dim; i++)
        {
            a[i] = w[i] < 0 ? 1f : 0f;
            d[i] = w[i] != 0 ? a[i] - t[i] : 0f;
            p[i] = a[i] - t[i] * (2 * a[i] - 1); // distance from t to the box face that w pushes towards
        }
        var order = Enumerable.Range(0, dim).ToArray();
        Array.Sort(p.ToArray(), order); // ascending p
        float bb = b - Dot(w, t), b0 = Dot(w, d);
        var s = new float[dim];
        var sb = new float[dim];
        float sAcc = 0, sbAcc = b0;
        for (int j = 0; j < dim; j++)
        {
            int i = order[dim - 1 - j]; // descending p
            sAcc += MathF.Abs(w[i]);
            sbAcc += -w[i] * d[i];
            s[j] = sAcc;
            sb[j] = sbAcc;
        }
        float b2 = sb[dim - 1] - s[dim - 1] * p[order[0]];
        bool cl = bb - b2 > 0;
        bool c2 = bb - b0 > 0 && !cl;
        if (cl)
        {
            float lambda = MathF.Max((bb - sb[dim - 1]) / -s[dim - 1], 0f);
            for (int i = 0; i < dim; i++) d[i] = (2 * a[i] - 1) * lambda;
        }
        else if (c2)
        {
            int lb = Search(dim, k => bb - (sb[k] - s[k] * p[order[dim - 1 - k]]) > 0);
            float lambda = MathF.Max((bb - sb[lb]) / -s[lb], 0f);
            for (int i = 0; i < dim; i++) d[i] = a[i] > 0 ? MathF.Min(lambda, d[i]) : MathF.Max(-lambda, d[i]);
        }
        for (int i = 0; i < dim; i++) if (w[i] == 0) d[i] = 0f;
        return d;
    }

    /// <summary>L2: δ for point t, normal w, offset b (all length d).</summary>
    public static float[] L2(ReadOnlySpan<float> t, ReadOnlySpan<float> wIn, float b)
    {
        int dim = t.Length;
        var w = wIn.ToArray();
        float c = Dot(w, t) - b;
        float sign = c >= 0 ? 1f : -1f;
        for (int i = 0; i < dim; i++) w[i] *= sign;
        c *= sign;
        const float Big = 1e12f;
        var r = new float[dim];
        for (int i = 0; i < dim; i++)
        {
            // the step along −w at which coordinate i leaves [0,1]
            r[i] = MathF.Abs(w[i]) < 1e-8f ? Big : Math.Clamp(MathF.Max(t[i] / w[i], (t[i] - 1) / w[i]), -Big, Big);
            if (r[i] == -Big) r[i] = Big;
        }
        var order = Enumerable.Range(0, dim).ToArray();
        var rs = r.ToArray();
        Array.Sort(rs, order);
        var rs2 = new float[dim];
        for (int j = 0; j < dim - 1; j++) rs2[j] = rs[j + 1];
        for (int j = 0; j < dim; j++)
        {
            if (rs[j] == Big) rs[j] = 0;
            if (rs2[j] == Big) rs2[j] = 0;
        }
        float w5 = 0;
        for (int i = 0; i < dim; i++) w5 += w[i] * w[i];
        var ws = new float[dim];
        float acc = 0;
        for (int j = 0; j < dim; j++)
        {
            acc += w[order[j]] * w[order[j]];
            ws[j] = w5 - acc;
        }
        var d = new float[dim];
        for (int i = 0; i < dim; i++) d[i] = MathF.Abs(w[i]) > 1e-8f ? -(r[i] * w[i]) : 0f;
        var s = new float[dim + 1];
        s[0] = -w5 * rs[0];
        float cum = 0;
        for (int j = 0; j < dim; j++)
        {
            cum += (-rs2[j] + rs[j]) * ws[j];
            s[j + 1] = cum - w5 * rs[0];
        }
        bool c4 = s[0] + c < 0;
        bool c3 = Dot(d, w) + c > 0;
        if (c4)
        {
            float alpha = c / w5;
            for (int i = 0; i < dim; i++) d[i] = -alpha * w[i];
        }
        else if (!c3)
        {
            int lb = Search(dim, k => s[k] + c > 0);
            float alpha = ws[lb] == 0 ? 0f : (s[lb] + c) / ws[lb] + rs[lb];
            for (int i = 0; i < dim; i++) if (!(alpha > r[i])) d[i] = -alpha * w[i];
        }
        for (int i = 0; i < dim; i++) if (!(MathF.Abs(w[i]) > 1e-8f)) d[i] = 0f;
        return d;
    }

    /// <summary>The authors' binary search: ⌈log₂ d⌉ halvings of [0, d − 1], moving the lower end while <paramref name="below"/> holds.</summary>
    private static int Search(int dim, Func<int, bool> below)
    {
        float lb = 0, ub = dim - 1;
        int iterations = (int)Math.Ceiling(Math.Log2(dim));
        for (int it = 0; it < iterations; it++)
        {
            float mid = MathF.Floor((lb + ub) / 2);
            if (below((int)mid)) lb = mid;
            else ub = mid;
        }
        return (int)lb;
    }

    private static float Dot(ReadOnlySpan<float> u, ReadOnlySpan<float> v) => System.Numerics.Tensors.TensorPrimitives.Dot(u, v);
}
