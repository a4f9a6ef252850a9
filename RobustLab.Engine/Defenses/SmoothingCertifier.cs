using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace RobustLab.Engine.Defenses;

// Cohen, Rosenfeld & Kolter 2019, §3.2 (CERTIFY, Thm. 1): ĉ_A = the top class of n₀ selection samples;
// count k of n fresh estimation samples with f(x + η) = ĉ_A; p̲_A = Clopper–Pearson lower bound at 1 − α;
// abstain if p̲_A ≤ ½, else the smoothed classifier is certified to predict ĉ_A within L2 radius R = σ·Φ⁻¹(p̲_A).

/// <summary>Certified L2 robustness of the majority-vote smoothed classifier around a base classifier.</summary>
/// <remarks>
/// Noise is drawn from a seeded stream (one per certifier), so a run repeats exactly. Samples go through
/// the base model in stacks of at most max(N, <c>maxBatch</c>) rows, like <see cref="RandomizedSmoothing"/>.
/// Defaults n₀ = 100, n = 100 000, α = 0.001 are Cohen et al.'s.
/// </remarks>
public sealed class SmoothingCertifier
{
    private readonly Random _rng;
    private readonly int _maxBatch;

    public SmoothingCertifier(IClassifier baseModel, float sigma, int seed = 0, int maxBatch = RandomizedSmoothing.DefaultMaxBatch)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        if (!float.IsFinite(sigma) || sigma < 0) throw new ArgumentOutOfRangeException(nameof(sigma), $"Certification σ must be finite and ≥ 0, got {sigma}.");
        if (maxBatch < 1) throw new ArgumentOutOfRangeException(nameof(maxBatch), $"maxBatch must be ≥ 1, got {maxBatch}.");
        (Base, Sigma, _maxBatch) = (baseModel, sigma, maxBatch);
        _rng = new Random(seed);
    }

    public IClassifier Base { get; }
    public float Sigma { get; }

    /// <summary>CERTIFY for every example of x [N,C,H,W]; progress is the fraction of noise samples evaluated.</summary>
    public Certificate[] Certify(Tensor x, int selectionSamples = 100, int estimationSamples = 100_000, double alpha = 0.001,
        CancellationToken cancellation = default, IProgress<double>? progress = null)
    {
        if (selectionSamples < 1 || estimationSamples < 1) throw new ArgumentOutOfRangeException(nameof(selectionSamples), $"Need n₀ ≥ 1 and n ≥ 1, got n₀ = {selectionSamples}, n = {estimationSamples}.");
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), $"α must lie in (0,1), got {alpha}.");
        double total = selectionSamples + estimationSamples;
        var selection = Count(x, selectionSamples, cancellation, done => progress?.Report(done / total));
        var estimation = Count(x, estimationSamples, cancellation, done => progress?.Report((selectionSamples + done) / total));
        var result = new Certificate[x.N];
        int k = Base.Classes;
        for (int i = 0; i < x.N; i++)
        {
            int top = TensorPrimitives.IndexOfMax(selection.AsSpan(i * k, k));
            int count = estimation[i * k + top];
            double lower = ClopperPearson.Lower(count, estimationSamples, alpha);
            result[i] = lower > 0.5
                ? new Certificate(top, lower, Sigma * NormalDistribution.InverseCdf(lower), count, estimationSamples)
                : new Certificate(Certificate.Abstain, lower, 0, count, estimationSamples);
        }
        return result;
    }

    /// <summary>Certified accuracy at each radius r: the fraction of examples predicted correctly with R ≥ r (abstentions count as wrong).</summary>
    public static double[] CertifiedAccuracy(IReadOnlyList<Certificate> certificates, IReadOnlyList<int> labels, IReadOnlyList<double> radii)
    {
        if (certificates.Count != labels.Count) throw new ArgumentException($"{certificates.Count} certificates for {labels.Count} labels.");
        var accuracy = new double[radii.Count];
        if (certificates.Count == 0) { Array.Fill(accuracy, double.NaN); return accuracy; }
        for (int j = 0; j < radii.Count; j++)
        {
            int certified = 0;
            for (int i = 0; i < certificates.Count; i++) if (certificates[i].CertifiedAt(labels[i], radii[j])) certified++;
            accuracy[j] = (double)certified / certificates.Count;
        }
        return accuracy;
    }

    // counts [N·K]: how often the base model predicts each class under `samples` noise draws.
    private int[] Count(Tensor x, int samples, CancellationToken cancellation, Action<int> progress)
    {
        int k = Base.Classes, done = 0;
        var counts = new int[x.N * k];
        foreach (var (stack, copies) in GaussianNoise.Stacks(x, samples, Sigma, _rng, _maxBatch))
        {
            cancellation.ThrowIfCancellationRequested();
            var logits = Base.Logits(stack);
            for (int r = 0; r < stack.N; r++)
                counts[r % x.N * k + TensorPrimitives.IndexOfMax(logits.Data.AsSpan(r * k, k))]++;
            progress(done += copies);
        }
        return counts;
    }
}
