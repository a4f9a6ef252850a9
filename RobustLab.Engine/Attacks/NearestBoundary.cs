using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace RobustLab.Engine.Attacks;

/// <summary>
/// DeepFool's linearisation of the decision boundaries around x (Moosavi-Dezfooli et al. 2016, §3.2 and §3.3):
/// for each candidate class k ≠ y, fₖ = zₖ − z_y and wₖ = ∇ₓ(zₖ − z_y); the nearest linearised boundary is
/// l = argminₖ |fₖ|/‖wₖ‖_q, with q the dual norm (2 for L2, 1 for L∞). Shared by DeepFool and the trust-region attack.
/// </summary>
/// <remarks>
/// One classifier gradient call per candidate slot, each batched over all examples (K−1 calls for all classes).
/// NOTE: the paper ignores the pixel box, and so does DeepFool here (its accumulated r_tot keeps growing until the clipped
/// x + (1+η)·r_tot crosses). With <c>unpin</c> (the trust-region attack, which steps from the current point) wₖ is
/// restricted to the pixels free to move (<see cref="Unpin"/>): a pixel at 0 cannot go down, one at 1 cannot go up;
/// otherwise pinned pixels absorb part of every step and a clipped walk creeps towards the boundary without crossing it.
/// </remarks>
public static class NearestBoundary
{
    /// <summary>The nearest boundary per example: its class (−1 if every wₖ is zero), fₗ, wₗ [N,...] and the logits at x.</summary>
    public sealed record Result(int[] Class, float[] F, Tensor W, Tensor Logits);

    /// <summary>
    /// The classes each example is tested against: the <paramref name="count"/> largest logits other than the label
    /// (the reference code's top-<c>num_classes</c>), or every other class when <paramref name="count"/> is null.
    /// </summary>
    public static int[][] Candidates(Tensor logits, int[] labels, int? count)
    {
        int n = logits.Shape[0], k = logits.Shape[1];
        int take = Math.Clamp(count ?? k - 1, 1, k - 1);
        var result = new int[n][];
        for (int i = 0; i < n; i++)
        {
            var row = logits.Data.AsSpan(i * k, k).ToArray();
            int label = labels[i];
            var others = Enumerable.Range(0, k).Where(c => c != label);
            result[i] = (count is null ? others : others.OrderByDescending(c => row[c]).ThenBy(c => c)).Take(take).ToArray();
        }
        return result;
    }

    /// <summary>x [N,...], labels [N], candidates [N][m] → the nearest linearised boundary of each example in the norm's dual.</summary>
    public static Result Find(IClassifier model, Tensor x, int[] labels, int[][] candidates, LpNorm norm, bool unpin, CancellationToken cancellation = default)
    {
        int n = x.N, size = x.ExampleSize, slots = candidates.Length == 0 ? 0 : candidates[0].Length;
        var best = Enumerable.Repeat(-1, n).ToArray();
        var bestDistance = Enumerable.Repeat(float.PositiveInfinity, n).ToArray();
        var f = new float[n];
        var w = Tensor.ZerosLike(x);
        Tensor? logitsAtX = null;
        for (int j = 0; j < slots; j++)
        {
            cancellation.ThrowIfCancellationRequested();
            int slot = j;
            // ℓₙ = z[kₙ] − z[yₙ]: its gradient is wₖ for each example's own candidate k in this slot.
            var (gradient, logits) = model.InputGradient(x, z =>
            {
                var dz = Tensor.ZerosLike(z);
                int classes = z.Shape[1];
                for (int i = 0; i < n; i++)
                {
                    dz.Data[i * classes + candidates[i][slot]] += 1f;
                    dz.Data[i * classes + labels[i]] -= 1f;
                }
                return dz;
            });
            logitsAtX ??= logits;
            int k = logits.Shape[1];
            for (int i = 0; i < n; i++)
            {
                var g = gradient.Data.AsSpan(i * size, size);
                if (unpin) Unpin(x.Data.AsSpan(i * size, size), g);
                float dual = norm == LpNorm.Linf ? TensorPrimitives.SumOfMagnitudes(g) : TensorPrimitives.Norm(g);
                if (!(dual > 0)) continue;
                float fk = logits.Data[i * k + candidates[i][slot]] - logits.Data[i * k + labels[i]];
                float distance = MathF.Abs(fk) / dual;
                if (distance >= bestDistance[i]) continue;
                bestDistance[i] = distance;
                best[i] = candidates[i][slot];
                f[i] = fk;
                g.CopyTo(w.Data.AsSpan(i * size, size));
            }
        }
        return new Result(best, f, w, logitsAtX ?? model.Logits(x));
    }

    /// <summary>Zeroes the components of an ascent direction g that would push a pixel of x out of [0,1] (in place).</summary>
    public static void Unpin(ReadOnlySpan<float> x, Span<float> g)
    {
        for (int i = 0; i < g.Length; i++)
            if ((x[i] <= 0f && g[i] < 0f) || (x[i] >= 1f && g[i] > 0f)) g[i] = 0f;
    }
}
