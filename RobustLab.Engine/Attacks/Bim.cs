using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Attacks;

/// <summary>Basic iterative method, "iter. basic" / I-FGSM (Kurakin et al. 2017, §2.2; Kurakin et al. 2016; Borji §2 "BIM").</summary>
/// <remarks>
/// X₀ = X, X_{N+1} = Clip_{X,ε}(X_N + α·sign(∇ₓJ(X_N, y_true))). Paper defaults (L∞): α = 1 and min(ε₂₅₅ + 4, 1.25·ε₂₅₅)
/// iterations in 0–255 units (<see cref="KurakinIterations"/>). Explicit steps without a step size: α = max(1/255, 1.25ε/steps).
/// L2 (no paper default): 10 steps of α = 1.25ε/steps along ∇J/‖∇J‖₂. Unlike PGD there is never a random start.
/// </remarks>
public sealed class Bim : Attack
{
    public ThreatModel Threat { get; }
    public int Steps { get; }
    public float StepSize { get; }

    /// <param name="steps">Iterations (null: the default above).</param>
    /// <param name="stepSize">α (null: the default above).</param>
    public Bim(ThreatModel threat, int? steps = null, float? stepSize = null)
    {
        Threat = threat.Validate();
        (Steps, StepSize) = Schedule(Threat, steps, stepSize);
    }

    public override string Name => "bim";

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context) =>
        Iterate(model, x, Losses.CrossEntropy(labels), Threat, Steps, StepSize, context);

    /// <summary>Kurakin's iteration count for an L∞ budget: ⌊min(ε₂₅₅ + 4, 1.25·ε₂₅₅)⌋ with ε₂₅₅ = 255·ε, at least 1.</summary>
    /// <remarks>
    /// The paper does not say how 1.25·ε₂₅₅ is rounded; we floor, as torchattacks' <c>int(min(eps*255 + 4, 1.25*eps*255))</c>
    /// (the BIM Borji ran) does: ε = 16/255 → 20, 8/255 → 10, 2/255 → 2. NOTE: 255·(8/255f) is not exactly 8 in
    /// floating point, so ε₂₅₅ is rounded to 1e-3 first; flooring 9.99999 would give 9.
    /// </remarks>
    public static int KurakinIterations(float epsilon)
    {
        double e255 = Math.Round(255.0 * epsilon, 3);
        return Math.Max(1, (int)Math.Floor(Math.Min(e255 + 4, 1.25 * e255)));
    }

    /// <summary>(steps, α) with the defaults of BIM and iter. l.l. (see the class remarks) filled in.</summary>
    public static (int Steps, float StepSize) Schedule(ThreatModel threat, int? steps, float? stepSize)
    {
        if (steps is < 0) throw new ArgumentException($"{steps} iterations: must be ≥ 0.");
        if (stepSize is { } given && !(given >= 0 && float.IsFinite(given))) throw new ArgumentException($"Step size must be finite and ≥ 0, got {given}.");
        const float OnePixelLevel = 1f / 255;
        if (threat.Norm == LpNorm.Linf)
        {
            int n = steps ?? KurakinIterations(threat.Epsilon);
            return (n, stepSize ?? (steps is null ? OnePixelLevel : MathF.Max(OnePixelLevel, 1.25f * threat.Epsilon / Math.Max(1, n))));
        }
        int m = steps ?? 10;
        return (m, stepSize ?? 1.25f * threat.Epsilon / Math.Max(1, m));
    }

    /// <summary>X_{t+1} = Proj_{X,ε}(X_t + α·direction(∇J)) for <paramref name="steps"/> iterations from X₀ = X; checks cancellation,
    /// reports the iterate (<see cref="AttackContext.Iterate"/>) and progress each one.</summary>
    public static Tensor Iterate(IClassifier model, Tensor x, Func<Tensor, Tensor> loss, ThreatModel threat, int steps, float stepSize, AttackContext context)
    {
        var current = x.Clone();
        context.Iterate?.Invoke(0, current);
        for (int t = 0; t < steps; t++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var (gradient, _) = model.InputGradient(current, loss);
            current = Fgsm.Step(x, current, gradient, threat.Norm, stepSize, threat);
            context.Iterate?.Invoke(t + 1, current);
            context.Progress?.Report((t + 1.0) / steps);
        }
        return current;
    }
}
