using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace RobustLab.Engine.Attacks;

/// <summary>DeepFool (Moosavi-Dezfooli, Fawzi, Frossard, "DeepFool: a simple and accurate method to fool deep neural networks", CVPR 2016, arXiv:1511.04599), Algorithm 2 with §3.3 for L∞, as the authors' code runs it.</summary>
/// <remarks>
/// Each iteration linearises every boundary k ≠ y at x̃ (<see cref="NearestBoundary"/>) and picks l = argmin |fₖ|/‖wₖ‖_q.
/// The steps accumulate (github.com/LTS4/DeepFool, python/deepfool.py): r_tot += rᵢ with
/// L2: rᵢ = (|fₗ|/‖wₗ‖₂ + 10⁻⁴)·wₗ/‖wₗ‖₂; L∞ (§3.3, q = 1): rᵢ = (|fₗ|/‖wₗ‖₁ + 10⁻⁴)·sign(wₗ);
/// then x̃ = clip₀₁(x + (1+η)·r_tot) — the overshoot scales the total, not each step — until the label changes
/// (per example) or the iteration cap. The clip keeps x̃ in the pixel box (the authors' code does not clip).
/// A minimal-perturbation attack: unbounded when ε = +∞ (for ρ, JumpReLU eq. 12); with a finite ε the result is
/// projected onto the ε-ball at the end (foolbox's bounded semantics).
/// NOTE: an earlier RobustLab variant applied (1+η) to every step and dropped box-pinned pixels from wₗ; on lenet-like
/// (1,000 MNIST test images) it found perturbations ≈ 10 % larger, so it is gone (issue 10, README "DeepFool").
/// </remarks>
public sealed class DeepFool : Attack
{
    /// <param name="norm">L2 or L∞ (the q-dual norm of the linearised distances follows).</param>
    /// <param name="epsilon">Budget ε, or +∞ for the unbounded minimal perturbation.</param>
    /// <param name="maxIterations">Iteration cap (the reference code's max_iter = 50).</param>
    /// <param name="overshoot">η (the paper's 0.02).</param>
    /// <param name="candidates">Test only the top-k other classes by clean logit (the reference code's num_classes); null: all.</param>
    public DeepFool(LpNorm norm, float epsilon = float.PositiveInfinity, int maxIterations = 50, float overshoot = 0.02f, int? candidates = null)
    {
        Norm = norm;
        Threat = MinimalPerturbation.Budget(norm, epsilon);
        MaxIterations = maxIterations >= 0 ? maxIterations : throw new ArgumentException($"DeepFool iterations must be ≥ 0, got {maxIterations}.");
        Overshoot = overshoot >= 0 && float.IsFinite(overshoot) ? overshoot : throw new ArgumentException($"DeepFool overshoot must be ≥ 0, got {overshoot}.");
        Candidates = candidates is null or > 0 ? candidates : throw new ArgumentException($"DeepFool candidates must be ≥ 1, got {candidates}.");
    }

    public LpNorm Norm { get; }

    /// <summary>The ε-ball the result is projected onto, or null when unbounded.</summary>
    public ThreatModel? Threat { get; }
    public int MaxIterations { get; }
    public float Overshoot { get; }
    public int? Candidates { get; }

    public override string Name => "deepfool";

    // The authors' code adds 10⁻⁴ to each step length |fₗ|/‖wₗ‖, a push past the linearised boundary.
    private const float Push = 1e-4f;

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context)
    {
        int size = x.ExampleSize;
        var logits = model.Logits(x);
        var candidates = NearestBoundary.Candidates(logits, labels, Candidates);
        var current = x.Clone();
        var total = Tensor.ZerosLike(x); // r_tot per example
        // NOTE: an example the model already misclassifies is adversarial with δ = 0; it is left as it is.
        var active = MinimalPerturbation.StillCorrect(logits, labels, Enumerable.Range(0, x.N).ToArray());
        for (int iteration = 0; iteration < MaxIterations && active.Length > 0; iteration++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var boundary = NearestBoundary.Find(model, current.Gather(active), active.Select(i => labels[i]).ToArray(),
                active.Select(i => candidates[i]).ToArray(), Norm, unpin: false, context.Cancellation);
            var moved = new List<int>(active.Length);
            for (int a = 0; a < active.Length; a++)
            {
                if (boundary.Class[a] < 0) continue; // every wₖ = 0: no direction to move in
                int n = active[a];
                var w = boundary.W.Data.AsSpan(a * size, size);
                var r = total.Data.AsSpan(n * size, size);
                float f = MathF.Abs(boundary.F[a]);
                if (Norm == LpNorm.L2)
                {
                    float length = TensorPrimitives.Norm(w);
                    TensorPrimitives.MultiplyAdd(w, (f / length + Push) / length, r, r);
                }
                else
                {
                    float step = f / TensorPrimitives.SumOfMagnitudes(w) + Push;
                    for (int i = 0; i < size; i++) r[i] += w[i] > 0 ? step : w[i] < 0 ? -step : 0f;
                }
                var xi = current.Data.AsSpan(n * size, size);
                TensorPrimitives.MultiplyAdd(r, 1f + Overshoot, x.Data.AsSpan(n * size, size), xi);
                TensorPrimitives.Clamp(xi, 0f, 1f, xi);
                moved.Add(n);
            }
            var movedArray = moved.ToArray();
            active = movedArray.Length == 0 ? [] : MinimalPerturbation.StillCorrect(model.Logits(current.Gather(movedArray)), labels, movedArray);
            context.Progress?.Report((iteration + 1.0) / MaxIterations);
        }
        if (Threat is { } threat) NormMath.Project(current, x, threat.Norm, threat.Epsilon);
        return current;
    }
}
