using System.Globalization;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Models;
using RobustLab.Engine.Sweeps;
using RobustLab.Engine.Training;

namespace RobustLab.Engine.Experiments;

// Borji §3, Fig. 8 (MNIST): is the SReLU defense gradient masking? BPDA via a substitute network: "A second CNN, with the same
// architecture ... was trained ... with the cross entropy over logits of the two networks. The adversarial examples crafted for the
// second network were then applied to the first one" (FGSM and PGD). Also activation-level BPDA (Athalye et al.): PGD on the SReLU
// model whose backward pass goes through plain ReLU.

/// <summary><c>robustlab reproduce borji-bpda</c>: FGSM and PGD crafted on a logit-matching substitute vs directly on the SReLU model, and BPDA-PGD.</summary>
public sealed class BorjiBpda : IExperiment
{
    public string Name => "borji-bpda";
    public string Description => "BPDA against SReLU: attacks crafted on a substitute trained on the target's logits, and BPDA-PGD, vs direct attacks";
    public string Paper => "Borji, Sloped ReLU — §3, Fig. 8 (MNIST)";
    public int DefaultLimit => 500;

    public async Task<IReadOnlyList<ResultTable>> RunAsync(ExperimentContext context, CancellationToken cancellationToken = default)
    {
        var data = context.TestSet(DefaultLimit);
        var model = context.DefaultModel("borji-mnist");
        double[] slopes = BorjiSetup.Slopes(context.Quick), epsilons = BorjiSetup.Epsilons(context.Quick);
        var fgsm = new AttackSettings(LpNorm.Linf, RandomStart: false);
        var pgd = BorjiSetup.Pgd40(context.Quick);
        var rows = new List<object?[]>();
        foreach (var alpha in slopes)
        {
            var target = model with { Activation = BorjiSetup.Slope(alpha) };
            var substitute = Substitute(context, target, alpha, cancellationToken);
            float agreement = SubstituteTraining.Agreement(target.CreateClassifier(), substitute.CreateClassifier(), data.Images);
            context.Report(string.Create(CultureInfo.InvariantCulture, $"Substitute for α = {alpha}: agrees with the target on {agreement:P2} of the test images"));
            async Task<IReadOnlyList<SweepPoint>> Run(string attack, AttackSettings settings, ModelSpec? source) =>
                await context.SweepAsync(new SweepRequest(new SweepSetup(target, data, attack, settings, Source: source, Seed: context.Seed), "eps", epsilons), cancellationToken);
            var curves = new[]
            {
                await Run("fgsm", fgsm, null), await Run("fgsm", fgsm, substitute),
                await Run("pgd", pgd, null), await Run("pgd", pgd, substitute), await Run("bpda-pgd", pgd, null),
            };
            for (int e = 0; e < epsilons.Length; e++)
                rows.Add([alpha, epsilons[e], curves[0][e].CleanAccuracy, agreement, .. curves.Select(c => (object?)c[e].AdversarialAccuracy)]);
        }
        return
        [
            new ResultTable("bpda", "Accuracy of the SReLU model under direct attacks, attacks crafted on a logit-matching substitute, and BPDA-PGD (Fig. 8)",
                [new("α", ColumnFormat.Number), new("ε", ColumnFormat.Number), new("clean"), new("substitute agreement"), new("FGSM direct"),
                 new("FGSM via substitute"), new("PGD direct"), new("PGD via substitute"), new("BPDA-PGD")],
                rows,
                [
                    "Paper: Fig. 8, a figure only. Expectation (§3): for α ≫ 1 the direct attacks fail (gradient masking) while FGSM and PGD crafted on the substitute severely hinder the model; its accuracy under the substitute attacks stays above the accuracy of direct attacks on the undefended model (α = 1, direct columns).",
                    $"Substitute: borji-mnist trained from seed {context.Seed} on the target's logits (soft cross-entropy, SubstituteTraining), cached in the output folder; agreement = same prediction on the clean test images.",
                    $"FGSM; PGD-40: {pgd.Steps} steps of 0.01 from a random start; BPDA-PGD: the same PGD on the SReLU model with plain ReLU in the backward pass. {data.Count} MNIST test images, seed {context.Seed}.",
                ]),
        ];
    }

    // A borji-mnist trained to match the logits of the SReLU(α) model on the first training images; cached with its recipe.
    private static ModelSpec Substitute(ExperimentContext context, ModelSpec target, double alpha, CancellationToken ct)
    {
        int examples = context.Quick ? 256 : 10_000, epochs = context.Quick ? 1 : 3;
        var options = new TrainingOptions(epochs, BatchSize: 128, LearningRate: 1e-3f, Seed: context.Seed);
        string a = alpha.ToString("R", CultureInfo.InvariantCulture);
        var recipe = new Dictionary<string, string>
        {
            ["role"] = "BPDA substitute of borji-mnist with SReLU",
            ["target_activation"] = target.Activation,
            ["seed"] = context.Seed.ToString(CultureInfo.InvariantCulture),
            ["train_examples"] = examples.ToString(CultureInfo.InvariantCulture),
            ["epochs"] = epochs.ToString(CultureInfo.InvariantCulture),
            ["loss"] = "soft cross-entropy over logits",
            ["optimizer"] = "adam lr 0.001 batch 128",
        };
        context.Report($"Substitute for SReLU α = {a}: {examples} training images × {epochs} epochs");
        var network = ModelCache.GetOrTrain(context, Path.Combine(context.OutputDir, $"substitute-srelu-{a}.safetensors"), recipe, () =>
        {
            var substitute = ModelZoo.Create(ModelZoo.BorjiMnist, context.Seed);
            new SubstituteTraining(options).Train(target.CreateClassifier(), substitute, context.TrainSet(examples).Images,
                context.EpochLines($"substitute α = {a} (accuracy = agreement with the target)"), ct);
            return substitute;
        });
        return ModelSpec.From(network, $"substitute α={a}") with { Seed = context.Seed };
    }
}
