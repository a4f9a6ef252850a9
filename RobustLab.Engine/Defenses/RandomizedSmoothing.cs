using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace RobustLab.Engine.Defenses;

// Smoothed inference (Nemcovsky et al. §3, eqs. 7–13): g(x) = arg maxₖ Σᵢ vₖ(f(x + ηᵢ)), ηᵢ ~ N(0, σ²I), i = 1..n,
// with v = majority (eq. 10), soft (eq. 13) or rank-weighted (eq. 11) voting. The gradient is that of the
// expectation, (1/n) Σᵢ ∇ₓ ℓ(f(x + ηᵢ)), so PGD against this wrapper is EPGD (§4.2, eq. 25) with n samples.

/// <summary>A classifier that wraps a classifier: votes of the base model over n Gaussian-noise copies of the input.</summary>
/// <remarks>
/// <see cref="Logits"/> returns ln(score) of the normalised vote (vote fractions, mean probabilities or
/// normalised rank weights; each row sums to 1, so softmax(Logits) = the scores), floored at ln 10⁻³⁰ for
/// classes without any vote. Every call draws fresh noise from the seeded stream, so successive calls differ
/// and a run repeats exactly. The n·N noisy examples go through the base model in stacks of at most
/// max(N, <c>maxBatch</c>) rows. Ties go to the lowest class index.
/// NOTE: with σ = 0 all samples are the same input, so one sample is computed: exactly the base model.
/// NOTE: one stack is one forward pass, so a randomized base (randomized JumpReLU) draws one κ per stack, not per sample.
/// </remarks>
public sealed class RandomizedSmoothing : IClassifier, IClassifierWrapper
{
    /// <summary>Default cap on the rows of one forward pass of the base model.</summary>
    public const int DefaultMaxBatch = 1024;

    private const float ScoreFloor = 1e-30f;
    private readonly Random _rng;
    private readonly int _maxBatch;

    public RandomizedSmoothing(IClassifier baseModel, float sigma, int samples, SmoothingVote vote = SmoothingVote.Majority, int seed = 0, int maxBatch = DefaultMaxBatch)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        if (!float.IsFinite(sigma) || sigma < 0) throw new ArgumentOutOfRangeException(nameof(sigma), $"Smoothing σ must be finite and ≥ 0, got {sigma}.");
        if (samples < 1) throw new ArgumentOutOfRangeException(nameof(samples), $"Smoothing needs n ≥ 1 samples, got {samples}.");
        if (maxBatch < 1) throw new ArgumentOutOfRangeException(nameof(maxBatch), $"maxBatch must be ≥ 1, got {maxBatch}.");
        (Base, Sigma, Samples, Vote, Seed, _maxBatch) = (baseModel, sigma, samples, vote, seed, maxBatch);
        _rng = new Random(seed);
    }

    public IClassifier Base { get; }
    public float Sigma { get; }
    public int Samples { get; }
    public SmoothingVote Vote { get; }
    public int Seed { get; }

    IClassifier IClassifierWrapper.Inner => Base;
    public int[] InputShape => Base.InputShape;
    public int Classes => Base.Classes;
    public string Description => $"{Base.Description}, smooth σ={Sigma:G4} n={Samples} {Vote.ToString().ToLowerInvariant()}";

    /// <summary>Noise samples actually drawn per call: n, or 1 when σ = 0.</summary>
    public int EffectiveSamples => Sigma == 0 ? 1 : Samples;

    public Tensor Logits(Tensor x) => ToLogits(Scores(x));

    /// <summary>x [N,C,H,W] → normalised vote scores [N,K] (rows sum to 1) from one fresh draw of n noise samples.</summary>
    public Tensor Scores(Tensor x)
    {
        var scores = new Tensor(x.N, Classes);
        foreach (var (stack, _) in GaussianNoise.Stacks(x, EffectiveSamples, Sigma, _rng, _maxBatch))
            Accumulate(scores, Base.Logits(stack));
        Normalise(scores);
        return scores;
    }

    /// <summary>
    /// (1/n) Σᵢ ∇ₓ ℓ(f(x + ηᵢ)): <paramref name="lossGradient"/> is applied to the base logits of each noise sample
    /// (the loss is averaged after the softmax: EPGD, eq. 25). Returns the smoothed logits of the same samples.
    /// </summary>
    public (Tensor Gradient, Tensor Logits) InputGradient(Tensor x, Func<Tensor, Tensor> lossGradient)
    {
        var gradient = Tensor.ZerosLike(x);
        var scores = new Tensor(x.N, Classes);
        foreach (var (stack, copies) in GaussianNoise.Stacks(x, EffectiveSamples, Sigma, _rng, _maxBatch))
        {
            var (g, logits) = Base.InputGradient(stack, z => PerSample(z, x.N, copies, lossGradient));
            Accumulate(scores, logits);
            for (int s = 0; s < copies; s++)
                TensorPrimitives.Add(gradient.Data, g.Data.AsSpan(s * x.Length, x.Length), gradient.Data);
        }
        if (EffectiveSamples > 1) TensorPrimitives.Multiply(gradient.Data, 1f / EffectiveSamples, gradient.Data);
        Normalise(scores);
        return (gradient, ToLogits(scores));
    }

    // z [copies·N, K] → ∂ℓ/∂z, the caller's loss applied to each noise sample's block of N rows (its labels line up).
    private static Tensor PerSample(Tensor z, int n, int copies, Func<Tensor, Tensor> lossGradient)
    {
        if (copies == 1) return lossGradient(z);
        var result = Tensor.ZerosLike(z);
        for (int s = 0; s < copies; s++)
        {
            var block = lossGradient(z.Slice(s * n, n));
            block.Data.CopyTo(result.Data, s * block.Length);
        }
        return result;
    }

    // Adds the votes of base logits [copies·N, K] into scores [N, K] (row r votes for example r mod N).
    private void Accumulate(Tensor scores, Tensor logits)
    {
        int k = Classes, n = scores.N;
        var votes = new float[k];
        for (int r = 0; r < logits.N; r++)
        {
            var z = logits.Data.AsSpan(r * k, k);
            var row = scores.Data.AsSpan(r % n * k, k);
            switch (Vote)
            {
                case SmoothingVote.Majority:
                    row[TensorPrimitives.IndexOfMax(z)] += 1f;
                    break;
                case SmoothingVote.Soft:
                    // NOTE: shifted by the max logit (TensorPrimitives.SoftMax is not), so SReLU-sized logits stay finite.
                    TensorPrimitives.Subtract(z, TensorPrimitives.Max(z), votes);
                    TensorPrimitives.Exp(votes, votes);
                    TensorPrimitives.Divide(votes, TensorPrimitives.Sum(votes), votes);
                    TensorPrimitives.Add(row, votes, row);
                    break;
                case SmoothingVote.Weighted:
                    RankWeights(z, votes);
                    TensorPrimitives.Add(row, votes, row);
                    break;
            }
        }
    }

    /// <summary>
    /// weights[c] = 2^(1 − r_c), r_c = 1 + #{c′ : z_c′ &gt; z_c, or z_c′ = z_c and c′ &lt; c} (rank 1 = most probable).
    /// </summary>
    /// <remarks>
    /// Eq. 11's rank weighting as the paper's reference implementation (github.com/yanemcovsky/SIAM,
    /// resnet_cpni_smooth_logits.py) applies it: the k-th ranked class of every sample gets 2^−(k−1).
    /// </remarks>
    public static void RankWeights(ReadOnlySpan<float> z, Span<float> weights)
    {
        for (int c = 0; c < z.Length; c++)
        {
            int rank = 1;
            for (int other = 0; other < z.Length; other++)
                if (z[other] > z[c] || (z[other] == z[c] && other < c)) rank++;
            weights[c] = MathF.ScaleB(1f, 1 - rank);
        }
    }

    private static void Normalise(Tensor scores)
    {
        int k = scores.Shape[1];
        for (int i = 0; i < scores.N; i++)
        {
            var row = scores.Data.AsSpan(i * k, k);
            float total = TensorPrimitives.Sum(row);
            if (total > 0) TensorPrimitives.Divide(row, total, row);
        }
    }

    private static Tensor ToLogits(Tensor scores)
    {
        var logits = scores.Clone();
        TensorPrimitives.Max(logits.Data, ScoreFloor, logits.Data);
        TensorPrimitives.Log(logits.Data, logits.Data);
        return logits;
    }
}
