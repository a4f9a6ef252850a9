using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Data;
using RobustLab.Engine.Metrics;
using RobustLab.Engine.Models;
using RobustLab.Engine.Training;

namespace RobustLab.Engine.Defenses;

/// <summary>Accuracy of one trained model under one attack at one ε (ε = 0: clean accuracy).</summary>
public sealed record AdversarialTrainingPoint(string Attack, float Epsilon, float Accuracy);

/// <summary>One trained model of the comparison: its generator ("none" for the baseline), the model itself and its measurements.</summary>
public sealed record AdversarialTrainingOutcome(string Generator, Network Model, float CleanAccuracy, IReadOnlyList<AdversarialTrainingPoint> Points);

/// <summary>
/// Kurakin et al. App. A, Table 5 style on MNIST: one model per adversarial-training generator (and a baseline without),
/// all from the same architecture seed, data order and step budget, each evaluated clean and under one-step attacks at several ε.
/// </summary>
/// <remarks>
/// Also how the JumpReLU paper's robust LeNetLike (§4: FGSM, ε = 0.3, mixed batches) is made: generator "fgsm" with
/// <see cref="AdversarialTrainingOptions.FixedEpsilon"/> = 0.3. Slow (whole training runs): a command, not a test.
/// </remarks>
public sealed class AdversarialTrainingComparison(string architecture, int modelSeed, TrainingOptions training, AdversarialTrainingOptions adversarial)
{
    /// <summary>Trains and evaluates one model per generator (null or "none" = no adversarial training), yielding each as soon as it is done.</summary>
    /// <param name="evaluations">Catalog attacks to evaluate with (untargeted or choosing their own target).</param>
    /// <param name="epsilons">Test-time ε of each evaluation attack.</param>
    /// <param name="generatorSettings">Non-ε knobs of the generators and evaluation attacks (norm, steps, ...).</param>
    public IEnumerable<AdversarialTrainingOutcome> Run(Dataset train, Dataset test, IReadOnlyList<string?> generators,
        IReadOnlyList<string> evaluations, IReadOnlyList<float> epsilons, AttackSettings? generatorSettings = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var settings = generatorSettings ?? new AttackSettings();
        for (int g = 0; g < generators.Count; g++)
        {
            string name = generators[g] is null or "none" ? "none" : generators[g]!;
            var model = ModelZoo.Create(architecture, modelSeed);
            var trainer = new Trainer(model, training)
            {
                BatchTransform = name == "none" ? null : AdversarialTraining.FromCatalog(name, settings, adversarial).BatchTransform,
            };
            int done = g;
            trainer.Fit(train, progress: progress is null ? null : new Stage(p => progress.Report((done + p.Fraction) / generators.Count)), cancellationToken: cancellationToken);

            var classifier = new NetworkClassifier(model);
            var points = new List<AdversarialTrainingPoint>();
            foreach (var attackName in evaluations)
                foreach (var eps in epsilons)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var attack = AttackCatalog.Create(attackName, settings with { Epsilon = eps });
                    var result = attack.Run(classifier, test.Images, test.Labels, new AttackContext(Seed: training.Seed, Cancellation: cancellationToken));
                    points.Add(new AdversarialTrainingPoint(attackName, eps, AdversarialMetrics.AdversarialAccuracy(result)));
                }
            yield return new AdversarialTrainingOutcome(name, model, Evaluator.Accuracy(model, test, cancellationToken: cancellationToken), points);
        }
    }

    // NOTE: not System.Progress<T>, which posts reports asynchronously (out of order, after Run returns).
    private sealed class Stage(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
