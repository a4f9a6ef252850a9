using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Models;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;

namespace RobustLab.Engine.Defenses;

/// <summary>Adversarial training with mixed minibatches (Kurakin, Goodfellow, Bengio 2017, §3 Algorithm 1, eq. 1).</summary>
/// <remarks>
/// Each step: read B = {X¹..Xᵐ}; make X¹..Xᵏ adversarial with the CURRENT network, each with its own ε ~ |N(0,σ²)| on [0, 2σ];
/// B′ = {X¹adv..Xᵏadv, Xᵏ⁺¹..Xᵐ}; one step on L = (Σ_clean L + λ Σ_adv L) / ((m−k) + λk) — exactly
/// <see cref="SoftmaxCrossEntropy"/>'s weighted mean with weights 1 (clean) and λ (adversarial). Clean-only before <c>Delay</c> steps.
/// The generator is any attack, built per ε (one-step like step-ll/FGSM, or iterative); it runs once per distinct ε in the batch.
/// </remarks>
public sealed class AdversarialTraining
{
    private readonly Func<float, Attack> _generator;

    /// <param name="generator">ε → the attack that crafts adversarial examples at that budget (untargeted, or choosing its own target like step-ll).</param>
    public AdversarialTraining(Func<float, Attack> generator, AdversarialTrainingOptions? options = null)
    {
        _generator = generator ?? throw new ArgumentNullException(nameof(generator));
        Options = (options ?? new AdversarialTrainingOptions()).Validate();
    }

    /// <summary>Adversarial training with a catalog attack; <paramref name="settings"/> give its other knobs (norm, steps, ...), ε is drawn per example.</summary>
    public static AdversarialTraining FromCatalog(string attack, AttackSettings? settings = null, AdversarialTrainingOptions? options = null)
    {
        var baseSettings = settings ?? new AttackSettings();
        AttackCatalog.Create(attack, baseSettings); // fail now, not at the first adversarial step, on an unknown name
        return new AdversarialTraining(eps => AttackCatalog.Create(attack, baseSettings with { Epsilon = eps }), options);
    }

    public AdversarialTrainingOptions Options { get; }

    /// <summary>The hook for <see cref="Trainer.BatchTransform"/>.</summary>
    public Trainer.BatchRewrite BatchTransform => (network, images, labels, step) =>
    {
        var batch = Rewrite(network, images, labels, step);
        return (batch.Images, batch.Labels, batch.Weights);
    };

    /// <summary>k = round(m·fraction), the number of adversarial examples in a minibatch of m.</summary>
    public int AdversarialCount(int m) => Math.Clamp((int)MathF.Round(m * Options.AdversarialFraction, MidpointRounding.AwayFromZero), 0, m);

    /// <summary>Algorithm 1, lines 4–6, for global step <paramref name="step"/>: a pure function of (options, network, batch, step).</summary>
    public AdversarialBatch Rewrite(Network network, Tensor images, int[] labels, int step)
    {
        int m = images.N, k = step < Options.Delay ? 0 : AdversarialCount(m);
        if (labels.Length != m) throw new ArgumentException($"{labels.Length} labels for {m} images.");
        if (k == 0) return new AdversarialBatch(images, labels, null, [], []);

        var rng = new Random(StepSeed.Mix(Options.Seed, step));
        var epsilons = new float[k];
        for (int i = 0; i < k; i++) epsilons[i] = DrawEpsilon(rng);
        var adversarial = Generate(network, images.Slice(0, k), labels.AsSpan(0, k).ToArray(), epsilons, step);

        int total = Options.AppendAdversarial ? m + k : m, first = Options.AppendAdversarial ? m : 0;
        var shape = (int[])images.Shape.Clone();
        shape[0] = total;
        var output = new Tensor(shape);
        int size = images.ExampleSize;
        Array.Copy(images.Data, output.Data, images.Length);
        Array.Copy(adversarial.Data, 0, output.Data, (long)first * size, adversarial.Length);
        var outLabels = new int[total];
        labels.CopyTo(outLabels, 0);
        var weights = new float[total];
        Array.Fill(weights, 1f);
        var rows = new int[k];
        for (int i = 0; i < k; i++)
        {
            rows[i] = first + i;
            outLabels[first + i] = labels[i];
            weights[first + i] = Options.Lambda;
        }
        return new AdversarialBatch(output, outLabels, weights, rows, epsilons);
    }

    /// <summary>One ε: Kurakin's truncated half-normal (or the fixed ε), on the resolution grid, never above <see cref="AdversarialTrainingOptions.MaxEpsilon"/>.</summary>
    public float DrawEpsilon(Random rng)
    {
        float eps = Options.FixedEpsilon ?? TruncatedNormal.KurakinEpsilon(rng, Options.EpsilonSigma);
        float r = Options.EpsilonResolution;
        if (r == 0) return eps;
        // NOTE: round to the grid, but never past the top of the interval (0.3·255 = 76.5 would round up to 77/255 > 0.3).
        float top = MathF.Floor(Options.MaxEpsilon / r + 1e-4f);
        return MathF.Min(MathF.Round(eps / r), top) * r;
    }

    // Runs the generator once per distinct ε on the current network in eval mode.
    // NOTE: eval mode (no dropout, batch-norm running statistics): the example attacks the model as it stands, not one random
    // dropout sub-network; Algorithm 1 says only "using current state of the network", and Nemcovsky et al.'s reference
    // code does the same (model.eval() while generating). The generator's backward accumulates parameter gradients,
    // which are cleared here so that the training step sees only its own.
    private Tensor Generate(Network network, Tensor clean, int[] labels, float[] epsilons, int step)
    {
        var result = clean.Clone();
        var model = new NetworkClassifier(network);
        int size = clean.ExampleSize, group = 0;
        foreach (var byEpsilon in Enumerable.Range(0, epsilons.Length).GroupBy(i => epsilons[i]).OrderBy(g => g.Key))
        {
            group++;
            if (byEpsilon.Key == 0) continue; // ε = 0: the threat model leaves x unchanged
            var attack = _generator(byEpsilon.Key);
            if (attack.Targeted)
                throw new ArgumentException($"{attack.Name} needs target classes; use an attack that picks its own (step-ll, step-rnd) or an untargeted one.");
            int[] rows = [.. byEpsilon];
            var context = new AttackContext(Seed: StepSeed.Mix(Options.Seed, step, group));
            var adversarial = attack.Run(model, clean.Gather(rows), rows.Select(i => labels[i]).ToArray(), context).Adversarial;
            for (int j = 0; j < rows.Length; j++)
                Array.Copy(adversarial.Data, (long)j * size, result.Data, (long)rows[j] * size, size);
        }
        network.ZeroGrad();
        return result;
    }
}
