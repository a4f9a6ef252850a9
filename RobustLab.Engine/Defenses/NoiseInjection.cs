using RobustLab.Engine.Attacks;
using RobustLab.Engine.Models;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;

namespace RobustLab.Engine.Defenses;

/// <summary>Gaussian noise-injection (fine-)training of the base classifier of a smoothed model (Nemcovsky et al., §3.1 eq. 21 and §4.1).</summary>
/// <remarks>
/// Every training input becomes x + η, η ~ N(0, σ²I), with the same σ that the smoothed classifier samples at inference:
/// by eq. (21) the base model's loss under this noise bounds the smoothed model's 0-1 loss. Combined with adversarial
/// training (eq. 23, CNI-I+W) by wrapping an <see cref="AdversarialTraining"/> rewrite (<c>inner</c>): adversarial
/// examples are crafted first, then every example — clean and adversarial — gets fresh noise; the weights pass through.
/// </remarks>
public sealed class NoiseInjection
{
    private readonly Trainer.BatchRewrite? _inner;

    /// <param name="sigma">σ of the injected noise, in pixel units of [0,1].</param>
    /// <param name="seed">Seeds the noise per step (the noise of step t depends only on seed and t).</param>
    /// <param name="inner">An optional rewrite applied first (e.g. <see cref="AdversarialTraining.BatchTransform"/>).</param>
    public NoiseInjection(float sigma, int seed = 0, Trainer.BatchRewrite? inner = null)
    {
        if (!(sigma >= 0) || !float.IsFinite(sigma)) throw new ArgumentException($"Noise σ must be finite and ≥ 0, got {sigma}.");
        (Sigma, Seed, _inner) = (sigma, seed, inner);
    }

    public float Sigma { get; }
    public int Seed { get; }

    /// <summary>The hook for <see cref="Trainer.BatchTransform"/>.</summary>
    public Trainer.BatchRewrite BatchTransform => Apply;

    /// <summary>(inner rewrite, then) x + η for every example; labels and weights unchanged.</summary>
    public (Tensor Images, int[] Labels, float[]? Weights) Apply(Network network, Tensor images, int[] labels, int step)
    {
        float[]? weights = null;
        if (_inner is not null) (images, labels, weights) = _inner(network, images, labels, step);
        return (AddNoise(images, Sigma, new Random(StepSeed.Mix(Seed, step, stream: 1))), labels, weights);
    }

    /// <summary>x + η, η ~ N(0, σ²I), as a new tensor.</summary>
    /// <remarks>NOTE: not clipped to [0,1], as in the paper's reference code (x + σ·randn): clipping would change the noise distribution away from N(0, σ²I).</remarks>
    public static Tensor AddNoise(Tensor x, float sigma, Random rng)
    {
        var noisy = x.Clone();
        if (sigma == 0) return noisy;
        var data = noisy.Data;
        for (int i = 0; i < data.Length; i++) data[i] += sigma * Pgd.Gaussian(rng);
        return noisy;
    }
}
