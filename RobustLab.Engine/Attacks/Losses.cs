using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Attacks;

/// <summary>Per-example loss gradients ∂ℓₙ/∂zₙ of the logits, for <see cref="Classifiers.IClassifier.InputGradient"/>.</summary>
public static class Losses
{
    /// <summary>Cross-entropy J(x, y) = −log softmax(z)[y]: ∂J/∂z = softmax(z) − onehot(y). Ascending it is FGSM's direction (Kurakin eq. 1).</summary>
    /// <remarks>
    /// Evaluated in float32 in PyTorch's order (ATen's log_softmax and its backward, as F.cross_entropy runs them):
    /// lsm = (z − max z) − log Σⱼ exp(zⱼ − max z), then ∂J/∂z = exp(lsm) − onehot(y).
    /// NOTE: the order matters where the softmax saturates. exp(lsm_y) rounds to exactly 1 — the true class's term
    /// vanishes and, if every other exp(lsmⱼ) underflows too, the input gradient is exactly zero (Borji's masking at
    /// large SReLU slopes) — only when Σ exp(z − max) rounds to 1, as in PyTorch. Forming z − (max + log Σ) instead
    /// absorbs log Σ into a large max, drops the true class's term far earlier and turns the FGSM direction away
    /// from PyTorch's at large ε (issue 10: 13.2 % vs 12.6 % at ε 0.3).
    /// </remarks>
    public static Func<Tensor, Tensor> CrossEntropy(int[] labels) => logits =>
    {
        int n = logits.Shape[0], k = logits.Shape[1];
        var g = new Tensor(n, k);
        for (int i = 0; i < n; i++)
        {
            var row = g.Data.AsSpan(i * k, k);
            LogSoftmax(logits.Data.AsSpan(i * k, k), row);
            for (int j = 0; j < k; j++) row[j] = MathF.Exp(row[j]);
            row[labels[i]] -= 1f;
        }
        return g;
    };

    /// <summary>z [K] → log softmax(z) [K] in float32: (z − max) − log Σ exp(z − max), PyTorch's order (see <see cref="CrossEntropy"/>).</summary>
    public static void LogSoftmax(ReadOnlySpan<float> z, Span<float> lsm)
    {
        float max = System.Numerics.Tensors.TensorPrimitives.Max(z);
        for (int j = 0; j < z.Length; j++) lsm[j] = MathF.Exp(z[j] - max);
        float logSum = MathF.Log(SumAsATen(lsm));
        for (int j = 0; j < z.Length; j++) lsm[j] = z[j] - max - logSum;
    }

    // NOTE: PyTorch's CPU log_softmax (ATen, AVX2 kernels, as Debian's torch 1.13 runs them) sums exp(z − max) in 8 lanes —
    // lane l takes elements l, l+8, … (the tail goes to the first lanes) — then folds them as ((a0+a4)+(a2+a6))+((a1+a5)+(a3+a7));
    // fewer than 8 elements are summed in order. Where the softmax saturates the order decides whether the sum rounds to
    // exactly 1 (tiny terms absorbed one by one into the 1, or first summed among themselves): on 12,000 MNIST logit rows
    // a plain left-to-right sum disagrees with PyTorch's on 45, this order on none.
    private static float SumAsATen(ReadOnlySpan<float> e)
    {
        const int Lanes = 8;
        if (e.Length < Lanes)
        {
            float sum = 0f;
            foreach (float v in e) sum += v;
            return sum;
        }
        Span<float> a = stackalloc float[Lanes];
        e[..Lanes].CopyTo(a);
        int d = Lanes, full = e.Length - e.Length % Lanes;
        for (; d < full; d += Lanes)
            for (int l = 0; l < Lanes; l++) a[l] += e[d + l];
        for (int l = 0; d + l < e.Length; l++) a[l] += e[d + l];
        return ((a[0] + a[4]) + (a[2] + a[6])) + ((a[1] + a[5]) + (a[3] + a[7]));
    }

    /// <summary>
    /// Carlini &amp; Wagner's margin loss (C&amp;W 2017, §V.A, objective f₆ with κ = 0, untargeted): ℓ(z) = maxⱼ≠y zⱼ − z_y;
    /// ∂ℓ/∂z = onehot(j*) − onehot(y), j* the largest other logit (the first on ties). Ascending it crosses the boundary.
    /// </summary>
    /// <remarks>
    /// NOTE: it reads the logits, not the softmax, so it keeps a gradient where a saturated softmax rounds ∂J/∂z of the
    /// cross-entropy to exactly zero (SReLU at large α, Borji §2): the loss that reveals that masking (Athalye et al. 2018, §3.1).
    /// </remarks>
    public static Func<Tensor, Tensor> Margin(int[] labels) => logits =>
    {
        int n = logits.Shape[0], k = logits.Shape[1];
        var g = new Tensor(n, k);
        for (int i = 0; i < n; i++)
        {
            var z = logits.Data.AsSpan(i * k, k);
            int best = -1;
            for (int j = 0; j < k; j++)
                if (j != labels[i] && (best < 0 || z[j] > z[best])) best = j;
            g.Data[i * k + best] = 1f;
            g.Data[i * k + labels[i]] = -1f;
        }
        return g;
    };

    /// <summary>−J(x, t): ascending it descends the cross-entropy towards target t (targeted FGSM, step l.l.).</summary>
    public static Func<Tensor, Tensor> TowardsTarget(int[] targets) => logits =>
    {
        var g = CrossEntropy(targets)(logits);
        System.Numerics.Tensors.TensorPrimitives.Negate(g.Data, g.Data);
        return g;
    };

    /// <summary>Entropy H(p) = −Σⱼ pⱼ log pⱼ of the predicted distribution p = softmax(z) ("fast entropy", Kurakin App. A).</summary>
    /// <remarks>∂H/∂zⱼ = −pⱼ·(log pⱼ + H). NOTE: log pⱼ is taken as zⱼ − logsumexp(z), so pⱼ → 0 gives 0, never NaN.</remarks>
    public static Func<Tensor, Tensor> Entropy() => logits =>
    {
        int n = logits.Shape[0], k = logits.Shape[1];
        var g = new Tensor(n, k);
        for (int i = 0; i < n; i++)
        {
            var z = logits.Data.AsSpan(i * k, k);
            var row = g.Data.AsSpan(i * k, k);
            float max = System.Numerics.Tensors.TensorPrimitives.Max(z);
            double sum = 0;
            for (int j = 0; j < k; j++) sum += Math.Exp(z[j] - max);
            double logSumExp = max + Math.Log(sum), entropy = 0;
            for (int j = 0; j < k; j++)
            {
                double logP = z[j] - logSumExp;
                entropy -= Math.Exp(logP) * logP;
            }
            for (int j = 0; j < k; j++)
            {
                double logP = z[j] - logSumExp;
                row[j] = (float)(-Math.Exp(logP) * (logP + entropy));
            }
        }
        return g;
    };

    /// <summary>The least likely class y_LL = argmin_y p(y | x) = argmin_y z_y of each row of logits [N,K] (Kurakin §2.2).</summary>
    public static int[] LeastLikely(Tensor logits)
    {
        int n = logits.Shape[0], k = logits.Shape[1];
        var result = new int[n];
        for (int i = 0; i < n; i++) result[i] = System.Numerics.Tensors.TensorPrimitives.IndexOfMin(logits.Data.AsSpan(i * k, k));
        return result;
    }
}
