using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace RobustLab.Engine.Attacks;

/// <summary>FAB-T: the targeted fast adaptive boundary attack (Croce &amp; Hein, ICML 2020, "Minimally distorted adversarial examples with a
/// fast adaptive boundary attack", §3, Algorithm 1; run against the top-9 classes as in "Reliable evaluation…" §5), L∞ or L2.</summary>
/// <remarks>
/// For each target t (the classes with the 2nd … (k+1)-th largest clean logit, in turn) and each example still classified correctly:
/// linearise the decision boundary f_t − f_y = 0 at xⁱ (w = ∇(z_t − z_y), b = w·xⁱ − (z_t − z_y)), project both xⁱ and the original x
/// onto {w·z = b} ∩ [0,1]ᵈ (<see cref="FabProjection"/>: δⁱ, δ⁰), and step to the biased combination
/// xⁱ⁺¹ = clip₀₁((1 − α)(xⁱ + η·δⁱ) + α(x + η·δ⁰)), α = min(‖δⁱ‖/(‖δⁱ‖ + ‖δ⁰‖), α_max), η = 1.05, α_max = 0.1. Once adversarial, the point
/// is kept if it is the closest yet and pulled back, xⁱ⁺¹ = x + β(xⁱ⁺¹ − x), β = 0.9. FAB minimises the norm; as in AutoAttack an example
/// counts as broken only when its smallest adversarial lies within ε, so the result always respects the threat model. One restart
/// (no random start): the standard version's FAB-T is deterministic.
/// </remarks>
public sealed class FabTargeted(ThreatModel threat, int steps = 100, int targetClasses = 9) : Attack
{
    private const float Eta = 1.05f, AlphaMax = 0.1f, Beta = 0.9f;

    public ThreatModel Threat { get; } = threat.Validate();
    public int Steps { get; } = steps >= 1 ? steps : throw new ArgumentException($"FAB-T steps must be ≥ 1, got {steps}.");
    public int TargetClasses { get; } = targetClasses >= 1 ? targetClasses : throw new ArgumentException($"FAB-T needs ≥ 1 target class, got {targetClasses}.");

    public override string Name => "fab-t";

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context)
    {
        int k = Math.Min(TargetClasses, model.Classes - 1), size = x.ExampleSize;
        var adversarial = x.Clone();
        var robust = Apgd.Robust(model, x, labels, context);
        for (int rank = 2; rank <= k + 1; rank++)
        {
            var todo = Apgd.Indices(robust);
            if (todo.Length == 0) break;
            var xs = x.Gather(todo);
            var y = todo.Select(i => labels[i]).ToArray();
            var targets = ApgdTargeted.RankedClass(model.Logits(xs), rank);
            var (found, distance) = Run(model, xs, y, targets, context, (rank - 2.0) / k, 1.0 / k);
            var stillRobust = distance.Select(d => !(d <= Threat.Epsilon)).ToArray();
            Apgd.Merge(adversarial, robust, todo, found, stillRobust);
        }
        return adversarial;
    }

    /// <summary>One FAB run towards <paramref name="targets"/> (the authors' attack_single_run, targeted, no random start): the closest
    /// adversarial found per example and its distance (+∞ where none was found; the row is then x).</summary>
    private (Tensor Adversarial, float[] Distance) Run(IClassifier model, Tensor x, int[] labels, int[] targets, AttackContext context,
        double progressStart, double progressSpan)
    {
        int n = x.N, size = x.ExampleSize;
        var best = x.Clone();
        var distance = Enumerable.Repeat(float.PositiveInfinity, n).ToArray();
        var current = x.Clone();
        // ∂(z_t − z_y)/∂z: +1 at t, −1 at y
        Func<Tensor, Tensor> difference = logits =>
        {
            var g = new Tensor(logits.Shape);
            int kk = logits.Shape[1];
            for (int i = 0; i < n; i++) { g.Data[i * kk + targets[i]] += 1f; g.Data[i * kk + labels[i]] -= 1f; }
            return g;
        };
        for (int it = 0; it < Steps; it++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var (gradient, logits) = model.InputGradient(current, difference);
            int classes = logits.Shape[1];
            for (int e = 0; e < n; e++)
            {
                var xi = current.Data.AsSpan(e * size, size);
                var x0 = x.Data.AsSpan(e * size, size);
                var w = gradient.Data.AsSpan(e * size, size);
                float f = logits.Data[e * classes + targets[e]] - logits.Data[e * classes + labels[e]];
                float b = -f + TensorPrimitives.Dot(w, xi);
                var d1 = Threat.Norm == LpNorm.Linf ? FabProjection.Linf(xi, w, b) : FabProjection.L2(xi, w, b);
                var d2 = Threat.Norm == LpNorm.Linf ? FabProjection.Linf(x0, w, b) : FabProjection.L2(x0, w, b);
                float a1 = MathF.Max(Length(d1), 1e-8f), a2 = MathF.Max(Length(d2), 1e-8f);
                float alpha = MathF.Min(MathF.Max(a1 / (a1 + a2), 0f), AlphaMax);
                for (int p = 0; p < size; p++)
                    xi[p] = Math.Clamp((xi[p] + Eta * d1[p]) * (1 - alpha) + (x0[p] + d2[p] * Eta) * alpha, 0f, 1f);
            }
            var predictions = SoftmaxCrossEntropy.Argmax(model.Logits(current));
            for (int e = 0; e < n; e++)
            {
                if (predictions[e] == labels[e]) continue;
                var xi = current.Data.AsSpan(e * size, size);
                var x0 = x.Data.AsSpan(e * size, size);
                float t = Length(Delta(xi, x0));
                if (t < distance[e])
                {
                    distance[e] = t;
                    xi.CopyTo(best.Data.AsSpan(e * size, size));
                }
                for (int p = 0; p < size; p++) xi[p] = x0[p] + (xi[p] - x0[p]) * Beta;
            }
            context.Progress?.Report(progressStart + progressSpan * (it + 1.0) / Steps);
        }
        return (best, distance);
    }

    private static float[] Delta(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var d = new float[a.Length];
        TensorPrimitives.Subtract(a, b, d);
        return d;
    }

    private float Length(ReadOnlySpan<float> v) => Threat.Norm == LpNorm.Linf ? MathF.Abs(TensorPrimitives.MaxMagnitude(v)) : TensorPrimitives.Norm(v);
}
