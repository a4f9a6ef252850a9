using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace RobustLab.Engine.Attacks;

/// <summary>Auto-PGD (Croce &amp; Hein 2020, "Reliable evaluation of adversarial robustness with an ensemble of diverse parameter-free
/// attacks", §3, Algorithm 1) on the cross-entropy ("apgd-ce") or the DLR loss ("apgd-dlr"), L∞ or L2.</summary>
/// <remarks>
/// PGD with momentum and a step size that needs no tuning: η⁰ = 2ε; z = P(xᵏ + η·s(∇ℓ)), xᵏ⁺¹ = P(xᵏ + α(z − xᵏ) + (1 − α)(xᵏ − xᵏ⁻¹))
/// with α = 0.75 (1 on the first step), s = sign for L∞ and ∇/‖∇‖₂ for L2. At checkpoints wⱼ (first after 22 % of the
/// iterations, then every max(p − 3 %, 6 %) of them) the step is halved, and the iterate restarted from the best point, for the
/// examples whose loss rose in at most 75 % of the steps since the last checkpoint (condition 1, §3.2) or whose step was not halved
/// last time and whose best loss did not improve (condition 2). The schedule, the random start (x + ε·t/‖t‖, t uniform (L∞) or
/// Gaussian (L2)) and the bookkeeping follow the authors' autopgd_base.py. Returns, per example, the first adversarial iterate found
/// (else the clean image): an evaluation attack, it stops caring once an example is misclassified.
/// </remarks>
public sealed class Apgd(ThreatModel threat, int steps = 100, int restarts = 1, bool dlr = false) : Attack
{
    public ThreatModel Threat { get; } = threat.Validate();
    public int Steps { get; } = steps >= 1 ? steps : throw new ArgumentException($"APGD steps must be ≥ 1, got {steps}.");
    public int Restarts { get; } = restarts >= 1 ? restarts : throw new ArgumentException($"APGD restarts must be ≥ 1, got {restarts}.");

    public override string Name => dlr ? "apgd-dlr" : "apgd-ce";

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context)
    {
        var rng = new Random(context.Seed);
        var adversarial = x.Clone();
        var robust = Robust(model, x, labels, context);
        for (int r = 0; r < Restarts; r++)
        {
            var todo = Indices(robust);
            if (todo.Length == 0) break;
            var y = todo.Select(i => labels[i]).ToArray();
            var loss = dlr ? DifferenceOfLogitsRatio.Untargeted(y) : LogitLoss.CrossEntropy(y);
            var (found, stillRobust) = Run(model, x.Gather(todo), y, loss, Threat, Steps, rng, context, (r + 0.0) / Restarts, 1.0 / Restarts);
            Merge(adversarial, robust, todo, found, stillRobust);
        }
        return adversarial;
    }

    /// <summary>Examples the model classifies correctly now (the only ones worth attacking).</summary>
    internal static bool[] Robust(IClassifier model, Tensor x, int[] labels, AttackContext context)
    {
        var predictions = context.CleanPredictions ?? SoftmaxCrossEntropy.Argmax(model.Logits(x));
        return predictions.Select((p, i) => p == labels[i]).ToArray();
    }

    internal static int[] Indices(bool[] flags) => Enumerable.Range(0, flags.Length).Where(i => flags[i]).ToArray();

    /// <summary>Copies the examples <paramref name="found"/> turned (not <paramref name="stillRobust"/>) into rows <paramref name="rows"/>.</summary>
    internal static void Merge(Tensor adversarial, bool[] robust, int[] rows, Tensor found, bool[] stillRobust)
    {
        int size = adversarial.ExampleSize;
        for (int j = 0; j < rows.Length; j++)
        {
            if (stillRobust[j]) continue;
            robust[rows[j]] = false;
            Array.Copy(found.Data, j * size, adversarial.Data, rows[j] * size, size);
        }
    }

    /// <summary>One APGD run (the authors' attack_single_run) on x [N,...]: the adversarial iterate per example (the start point where none
    /// was found) and whether each example is still classified as its label.</summary>
    internal static (Tensor Adversarial, bool[] Robust) Run(IClassifier model, Tensor x, int[] labels, LogitLoss loss, ThreatModel threat,
        int steps, Random rng, AttackContext context, double progressStart, double progressSpan)
    {
        int n = x.N, size = x.ExampleSize;
        float eps = threat.Epsilon;
        int checkpointFirst = Math.Max((int)(0.22 * steps), 1), checkpointMin = Math.Max((int)(0.06 * steps), 1), checkpointDecrease = Math.Max((int)(0.03 * steps), 1);

        var current = StartPoint(x, threat, rng);
        var bestAdversarial = current.Clone();
        var best = current.Clone();
        var (gradient, logits) = model.InputGradient(current, loss.Gradient);
        var lossValue = loss.Value(logits);
        var bestGradient = gradient.Clone();
        var robust = Correct(logits, labels);
        var bestLoss = (float[])lossValue.Clone();
        var stepSize = Enumerable.Repeat(2f * eps, n).ToArray();
        var previous = current.Clone();
        var lossSteps = new float[steps][];
        int k = checkpointFirst, sinceCheck = 0;
        var bestLossAtCheck = (float[])bestLoss.Clone();
        var reducedAtCheck = Enumerable.Repeat(true, n).ToArray();

        for (int i = 0; i < steps; i++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            float a = i > 0 ? 0.75f : 1f;
            var next = new Tensor(x.Shape);
            for (int e = 0; e < n; e++)
            {
                var xe = x.Data.AsSpan(e * size, size);
                var cur = current.Data.AsSpan(e * size, size);
                var prev = previous.Data.AsSpan(e * size, size);
                var g = gradient.Data.AsSpan(e * size, size);
                var z = next.Data.AsSpan(e * size, size);
                // z = P(xᵏ + η·s(∇)); then xᵏ⁺¹ = P(xᵏ + α(z − xᵏ) + (1 − α)(xᵏ − xᵏ⁻¹))
                if (threat.Norm == LpNorm.Linf)
                {
                    for (int p = 0; p < size; p++) z[p] = cur[p] + stepSize[e] * (g[p] > 0 ? 1f : g[p] < 0 ? -1f : 0f);
                    ProjectLinf(z, xe, eps);
                    for (int p = 0; p < size; p++) z[p] = cur[p] + (z[p] - cur[p]) * a + (cur[p] - prev[p]) * (1 - a);
                    ProjectLinf(z, xe, eps);
                }
                else
                {
                    float gn = TensorPrimitives.Norm(g) + 1e-12f;
                    for (int p = 0; p < size; p++) z[p] = cur[p] + stepSize[e] * g[p] / gn;
                    ProjectL2(z, xe, eps);
                    for (int p = 0; p < size; p++) z[p] = cur[p] + (z[p] - cur[p]) * a + (cur[p] - prev[p]) * (1 - a);
                    ProjectL2(z, xe, eps);
                }
            }
            previous = current;
            current = next;

            (gradient, logits) = model.InputGradient(current, loss.Gradient);
            lossValue = loss.Value(logits);
            var correct = Correct(logits, labels);
            for (int e = 0; e < n; e++)
            {
                if (!correct[e])
                {
                    robust[e] = false;
                    Array.Copy(current.Data, e * size, bestAdversarial.Data, e * size, size);
                }
                if (lossValue[e] > bestLoss[e])
                {
                    Array.Copy(current.Data, e * size, best.Data, e * size, size);
                    Array.Copy(gradient.Data, e * size, bestGradient.Data, e * size, size);
                    bestLoss[e] = lossValue[e];
                }
            }
            lossSteps[i] = lossValue;

            if (++sinceCheck == k)
            {
                for (int e = 0; e < n; e++)
                {
                    // condition 1: the loss rose in at most ρ = 75 % of the k steps since the last checkpoint
                    int rises = 0;
                    for (int c = 0; c < k; c++)
                        if (lossSteps[i - c][e] > (i - c - 1 >= 0 ? lossSteps[i - c - 1][e] : 0f)) rises++; // NOTE: before step 0 the authors read a zero row
                    bool halve = rises <= k * 0.75f;
                    // condition 2: not halved at the last checkpoint and no improvement of the best loss since
                    halve |= !reducedAtCheck[e] && bestLossAtCheck[e] >= bestLoss[e];
                    reducedAtCheck[e] = halve;
                    bestLossAtCheck[e] = bestLoss[e];
                    if (!halve) continue;
                    stepSize[e] /= 2f;
                    Array.Copy(best.Data, e * size, current.Data, e * size, size);
                    Array.Copy(bestGradient.Data, e * size, gradient.Data, e * size, size);
                }
                k = Math.Max(k - checkpointDecrease, checkpointMin);
                sinceCheck = 0;
            }
            context.Progress?.Report(progressStart + progressSpan * (i + 1.0) / steps);
        }
        return (bestAdversarial, robust);
    }

    /// <summary>x + ε·t/‖t‖ (t uniform in [−1,1] per pixel for L∞, standard normal for L2), clipped to [0,1] — on the sphere, as the authors start.</summary>
    private static Tensor StartPoint(Tensor x, ThreatModel threat, Random rng)
    {
        var start = x.Clone();
        int size = x.ExampleSize;
        var t = new float[size];
        for (int e = 0; e < x.N; e++)
        {
            for (int p = 0; p < size; p++) t[p] = threat.Norm == LpNorm.Linf ? 2 * rng.NextSingle() - 1 : Pgd.Gaussian(rng);
            float length = (threat.Norm == LpNorm.Linf ? MathF.Abs(TensorPrimitives.MaxMagnitude(t)) : TensorPrimitives.Norm(t)) + 1e-12f;
            var row = start.Data.AsSpan(e * size, size);
            for (int p = 0; p < size; p++) row[p] += threat.Epsilon * t[p] / length;
            TensorPrimitives.Clamp(row, 0f, 1f, row);
        }
        return start;
    }

    private static bool[] Correct(Tensor logits, int[] labels) =>
        SoftmaxCrossEntropy.Argmax(logits).Select((p, i) => p == labels[i]).ToArray();

    /// <summary>z ← clip₀₁(min(max(z, x − ε), x + ε)).</summary>
    private static void ProjectLinf(Span<float> z, ReadOnlySpan<float> x, float eps)
    {
        for (int p = 0; p < z.Length; p++) z[p] = Math.Clamp(Math.Clamp(z[p], x[p] - eps, x[p] + eps), 0f, 1f);
    }

    /// <summary>z ← clip₀₁(x + δ/(‖δ‖+10⁻¹²)·min(ε, ‖δ‖)), δ = z − x (the authors' L2 projection).</summary>
    private static void ProjectL2(Span<float> z, ReadOnlySpan<float> x, float eps)
    {
        float length = 0;
        for (int p = 0; p < z.Length; p++) length += (z[p] - x[p]) * (z[p] - x[p]);
        length = MathF.Sqrt(length);
        float scale = MathF.Min(eps, length) / (length + 1e-12f);
        for (int p = 0; p < z.Length; p++) z[p] = Math.Clamp(x[p] + (z[p] - x[p]) * scale, 0f, 1f);
    }
}
