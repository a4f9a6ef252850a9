using System.Globalization;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Models;
using RobustLab.Engine.Training;

namespace RobustLab.Engine.Experiments;

// Kurakin, Goodfellow & Bengio §3 (Algorithm 1) on MNIST with LeNetLike: minibatches of m = 128 with k = m/2 adversarial examples
// (the paper's 16 of 32), loss weight λ = 0.3, per-example ε = |N(0, σ²)| truncated to [0, 2σ] with σ = 0.15 (so ε ∈ [0, 0.3], the
// MNIST budget), no delay; Adam 10⁻³ on the 60,000 training images for 3 epochs (10,000 × 3 left the baseline at 94 % clean and
// leaked no label) — about a minute per model on 2 cores.

/// <summary>The training recipe and evaluation budgets shared by the kurakin-* experiments.</summary>
public static class KurakinSetup
{
    /// <summary>Test-time ε on MNIST standing in for the paper's 2, 4, 8, 16 (of 255, on ImageNet).</summary>
    public static double[] Epsilons(bool quick) => quick ? [0.1, 0.3] : [0.05, 0.1, 0.2, 0.3];

    public static int TrainExamples(bool quick) => quick ? 256 : 60_000;

    public static TrainingOptions Training(ExperimentContext context) =>
        new(context.Quick ? 1 : 3, BatchSize: 128, LearningRate: 1e-3f, Seed: context.Seed);

    public static AdversarialTrainingOptions Adversarial(ExperimentContext context) => new(AdversarialFraction: 0.5f, Lambda: 0.3f, EpsilonSigma: 0.15f, Seed: context.Seed);

    /// <summary>A LeNetLike adversarially trained with <paramref name="generator"/> (Algorithm 1), cached in the output folder.</summary>
    public static Network Train(ExperimentContext context, string generator, CancellationToken ct)
    {
        var training = Training(context);
        var adversarial = Adversarial(context);
        int count = TrainExamples(context.Quick);
        var recipe = new Dictionary<string, string>
        {
            ["role"] = "Kurakin adversarial training (Algorithm 1) of LeNetLike",
            ["generator"] = generator,
            ["seed"] = Text(context.Seed),
            ["train_examples"] = Text(count),
            ["epochs"] = Text(training.Epochs),
            ["batch_size"] = Text(training.BatchSize),
            ["adversarial_fraction"] = Text(adversarial.AdversarialFraction),
            ["lambda"] = Text(adversarial.Lambda),
            ["eps_sigma"] = Text(adversarial.EpsilonSigma),
        };
        context.Report($"LeNetLike adversarially trained with {generator}: {count} training images × {training.Epochs} epochs, seed {context.Seed}");
        return ModelCache.GetOrTrain(context, Path.Combine(context.OutputDir, $"lenet-like-adv-{generator}.safetensors"), recipe, () =>
        {
            var model = ModelZoo.Create(ModelZoo.LeNetLike, context.Seed);
            new Trainer(model, training)
            {
                BatchTransform = AdversarialTraining.FromCatalog(generator, new AttackSettings(LpNorm.Linf), adversarial).BatchTransform,
            }.Fit(context.TrainSet(count), progress: context.EpochLines($"{generator} training"), cancellationToken: ct);
            return model;
        });
    }

    internal static string Text(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    internal static string Text(float v) => v.ToString("R", CultureInfo.InvariantCulture);

    internal static string Text(int v) => v.ToString(CultureInfo.InvariantCulture);
}
