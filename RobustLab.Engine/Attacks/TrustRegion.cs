using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace RobustLab.Engine.Attacks;

/// <summary>First-order trust-region attack (Yao, Gholami, Xu, Keutzer, Mahoney, "Trust Region Based Adversarial Attack on Neural Networks", CVPR 2019, arXiv:1812.06371; code: github.com/amirgholami/TRAttack), as used by JumpReLU §4.</summary>
/// <remarks>
/// Target t = the nearest linearised boundary at x among the top-c classes (the reference's select_index). Each step maximises the
/// linear model m(Δ) = g·Δ of the margin z_t − z_y, g = ∇ₓ(z_t − z_y), inside the trust region ‖Δ‖ ≤ rᵢ:
/// Δ = (1+η)·(min(dᵢ, rᵢ) + 1e-4)·u, with dᵢ = (z_y − z_t)/‖g‖_q the linearised distance and u = g/‖g‖₂ (L2) or sign(g) (L∞).
/// The radius adapts to the usual trust-region agreement ratio ρ = (actual margin gain)/(g·Δ) (the reference code divides the gain by
/// the radius instead): ρ > 0.9 → r = 1.2·step, ρ &lt; 0.5 → r = step/1.2, else r = step,
/// kept in [r_min, r_max] (reference: L2 [5e-4, 0.05], L∞ [1e-4, 0.01]). g skips pixels pinned at 0 or 1 (as in
/// <see cref="NearestBoundary"/>), and ρ uses the step actually taken after the pixel box. Not implemented: the second-order (Hessian) model
/// and the worst-case (hardest) target. ε = +∞: unbounded; a finite ε projects the result onto the ε-ball at the end.
/// </remarks>
public sealed class TrustRegion : Attack
{
    private const float Grow = 1.2f, GrowAbove = 0.9f, ShrinkBelow = 0.5f, StepFloor = 1e-4f;

    /// <param name="norm">L2 or L∞ trust region.</param>
    /// <param name="epsilon">Budget ε, or +∞ for the unbounded minimal perturbation.</param>
    /// <param name="maxIterations">Iteration cap (JumpReLU §4 uses 1000; most examples stop far earlier).</param>
    /// <param name="initialRadius">r₀ (null: the reference command line's 0.001).</param>
    /// <param name="overshoot">η of the step (the reference's 1.02 factor).</param>
    /// <param name="candidates">c: the target is chosen among the top-c other classes (reference default 9); null: all.</param>
    public TrustRegion(LpNorm norm, float epsilon = float.PositiveInfinity, int maxIterations = 1000, float? initialRadius = null,
        float overshoot = 0.02f, int? candidates = null)
    {
        Norm = norm;
        Threat = MinimalPerturbation.Budget(norm, epsilon);
        MaxIterations = maxIterations >= 0 ? maxIterations : throw new ArgumentException($"Trust-region iterations must be ≥ 0, got {maxIterations}.");
        (MinRadius, MaxRadius) = norm == LpNorm.L2 ? (5e-4f, 0.05f) : (1e-4f, 0.01f);
        InitialRadius = initialRadius ?? 1e-3f;
        if (!(InitialRadius > 0) || !float.IsFinite(InitialRadius)) throw new ArgumentException($"Trust radius must be > 0, got {InitialRadius}.");
        Overshoot = overshoot >= 0 && float.IsFinite(overshoot) ? overshoot : throw new ArgumentException($"Trust-region overshoot must be ≥ 0, got {overshoot}.");
        Candidates = candidates is null or > 0 ? candidates : throw new ArgumentException($"Trust-region candidates must be ≥ 1, got {candidates}.");
    }

    public LpNorm Norm { get; }

    /// <summary>The ε-ball the result is projected onto, or null when unbounded.</summary>
    public ThreatModel? Threat { get; }
    public int MaxIterations { get; }
    public float InitialRadius { get; }
    public float MinRadius { get; }
    public float MaxRadius { get; }
    public float Overshoot { get; }
    public int? Candidates { get; }

    public override string Name => "trust-region";

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context)
    {
        int size = x.ExampleSize;
        var current = x.Clone();
        var logits = model.Logits(x);
        var active = MinimalPerturbation.StillCorrect(logits, labels, Enumerable.Range(0, x.N).ToArray());
        if (active.Length == 0 || MaxIterations == 0) return current;
        var targets = new int[x.N];
        var candidates = NearestBoundary.Candidates(logits, labels, Candidates);
        var nearest = NearestBoundary.Find(model, x.Gather(active), active.Select(i => labels[i]).ToArray(),
            active.Select(i => candidates[i]).ToArray(), Norm, unpin: true, context.Cancellation);
        for (int a = 0; a < active.Length; a++) targets[active[a]] = nearest.Class[a];
        active = active.Where((n, a) => nearest.Class[a] >= 0).ToArray();

        var radius = Enumerable.Repeat(InitialRadius, x.N).ToArray();
        var step = new float[x.N];       // min(dᵢ, rᵢ) of the last step
        var margin = new float[x.N];     // z_t − z_y at xᵢ
        var predicted = new float[x.N];  // g·Δ of the last step (0: no step yet)
        for (int iteration = 0; iteration < MaxIterations && active.Length > 0; iteration++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var batch = active;
            var (gradient, z) = model.InputGradient(current.Gather(batch), zs =>
            {
                var dz = Tensor.ZerosLike(zs);
                for (int a = 0; a < batch.Length; a++)
                {
                    dz.Data[a * zs.Shape[1] + targets[batch[a]]] += 1f;
                    dz.Data[a * zs.Shape[1] + labels[batch[a]]] -= 1f;
                }
                return dz;
            });
            var stillCorrect = MinimalPerturbation.StillCorrect(z, labels, batch).ToHashSet();
            int k = z.Shape[1];
            for (int a = 0; a < batch.Length; a++)
            {
                int n = batch[a];
                if (!stillCorrect.Contains(n)) continue;
                float m = z.Data[a * k + targets[n]] - z.Data[a * k + labels[n]];
                if (predicted[n] > 0)
                {
                    float rho = (m - margin[n]) / predicted[n];
                    float next = rho > GrowAbove ? step[n] * Grow : rho < ShrinkBelow ? step[n] / Grow : step[n];
                    radius[n] = Math.Clamp(next, MinRadius, MaxRadius);
                }
                var g = gradient.Data.AsSpan(a * size, size);
                var xi = current.Data.AsSpan(n * size, size);
                NearestBoundary.Unpin(xi, g);
                float dual = Norm == LpNorm.Linf ? TensorPrimitives.SumOfMagnitudes(g) : TensorPrimitives.Norm(g);
                if (!(dual > 0)) { stillCorrect.Remove(n); continue; }
                step[n] = MathF.Min(-m / dual, radius[n]);
                float length = (1f + Overshoot) * (step[n] + StepFloor);
                var before = xi.ToArray();
                if (Norm == LpNorm.L2) TensorPrimitives.MultiplyAdd(g, length / TensorPrimitives.Norm(g), xi, xi);
                else for (int i = 0; i < size; i++) xi[i] += g[i] > 0 ? length : g[i] < 0 ? -length : 0f;
                TensorPrimitives.Clamp(xi, 0f, 1f, xi);
                TensorPrimitives.Subtract(xi, before, before); // the step actually taken, after the pixel box
                predicted[n] = TensorPrimitives.Dot(g, before);
                margin[n] = m;
            }
            active = batch.Where(stillCorrect.Contains).ToArray();
            context.Progress?.Report((iteration + 1.0) / MaxIterations);
        }
        if (Threat is { } threat) NormMath.Project(current, x, threat.Norm, threat.Epsilon);
        return current;
    }
}
