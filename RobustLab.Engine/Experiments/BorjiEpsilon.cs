using RobustLab.Engine.Sweeps;

namespace RobustLab.Engine.Experiments;

// Borji §2.1, Figs. 2–3 (MNIST column): accuracy of the MNIST CNN with SReLU slope α under each untargeted attack as ε grows
// (DeepFool: as its iterations grow), and Fig. 2's middle row, accuracy averaged over the ε grid (ε = 0 included) per α.

/// <summary><c>robustlab reproduce borji-eps</c>: accuracy vs ε per slope α for FGSM, BIM, R-FGSM, StepLL, PGD-40 and DeepFool.</summary>
public sealed class BorjiEpsilon : IExperiment
{
    public string Name => "borji-eps";
    public string Description => "SReLU slope α vs untargeted attacks: accuracy vs ε (DeepFool: vs iterations) per α, and the mean over ε";
    public string Paper => "Borji, Sloped ReLU — Figs. 2–3 (MNIST)";
    public int DefaultLimit => 500;

    public async Task<IReadOnlyList<ResultTable>> RunAsync(ExperimentContext context, CancellationToken cancellationToken = default)
    {
        var data = context.TestSet(DefaultLimit);
        var model = context.DefaultModel("borji-mnist");
        double[] slopes = BorjiSetup.Slopes(context.Quick), epsilons = BorjiSetup.Epsilons(context.Quick), iterations = BorjiSetup.DeepFoolIterations(context.Quick);
        var attacks = BorjiSetup.EpsilonAttacks(context.Quick);
        var byEpsilon = new List<object?[]>();
        var deepFool = new List<object?[]>();
        var means = slopes.Select(a => new List<object?> { a }).ToList();
        foreach (var (label, attack, settings) in attacks)
            for (int s = 0; s < slopes.Length; s++)
            {
                context.Report($"{label}, α = {slopes[s]}, {data.Count} test images");
                var setup = new SweepSetup(model with { Activation = BorjiSetup.Slope(slopes[s]) }, data, attack, settings, Seed: context.Seed);
                var points = await context.SweepAsync(new SweepRequest(setup, "eps", epsilons), cancellationToken);
                var curve = new[] { points[0].CleanAccuracy }.Concat(points.Select(p => p.AdversarialAccuracy)).ToArray();
                byEpsilon.Add([label, slopes[s], .. curve.Cast<object?>()]);
                means[s].Add(curve.Average(v => v ?? float.NaN));
            }
        for (int s = 0; s < slopes.Length; s++)
        {
            context.Report($"DeepFool L2, α = {slopes[s]}, {data.Count} test images");
            var setup = new SweepSetup(model with { Activation = BorjiSetup.Slope(slopes[s]) }, data, "deepfool", BorjiSetup.DeepFool, Seed: context.Seed);
            var points = await context.SweepAsync(new SweepRequest(setup, SweepKnobs.Iterations.Name, iterations), cancellationToken);
            var curve = new[] { points[0].CleanAccuracy }.Concat(points.Select(p => p.AdversarialAccuracy)).ToArray();
            deepFool.Add([slopes[s], .. curve.Cast<object?>()]);
            means[s].Add(curve.Average(v => v ?? float.NaN));
        }

        string setting = $"{data.Count} MNIST test images (Borji used all 10,000), borji-mnist default model, seed {context.Seed}.";
        return
        [
            new ResultTable("accuracy-vs-eps", "Accuracy vs ε per SReLU slope α, untargeted attacks (Figs. 2–3)",
                [new("attack", ColumnFormat.Text), new("α", ColumnFormat.Number), new("ε=0 (clean)"), .. epsilons.Select(e => new TableColumn(BorjiSetup.Header(e, "ε=")))],
                byEpsilon,
                [
                    "Paper: Figs. 2–3, figures only. Expectation (§2.1): at α = 1 accuracy starts near 98 % and falls as ε grows; α ∈ {2, 5} recover part of the loss; at α ∈ {10, 100} FGSM, BIM, R-FGSM and PGD barely lower the accuracy. StepLL (and DeepFool) are neither helped nor harmed by the slope; α < 1 lowers accuracy and robustness.",
                    "FGSM; BIM with α = 1/255 and Kurakin's min(ε₂₅₅ + 4, 1.25 ε₂₅₅) iterations; R-FGSM with a random step of ε/2; StepLL; PGD-40: 40 steps of 0.01 from a random start (Madry et al.).",
                    setting,
                ]),
            new ResultTable("deepfool-iterations", "Accuracy vs DeepFool iterations per SReLU slope α (Figs. 2–3)",
                [new("α", ColumnFormat.Number), new("clean"), .. iterations.Select(t => new TableColumn(BorjiSetup.Header(t, "t=")))],
                deepFool,
                [
                    "Paper: Figs. 2–3 (DeepFool's x axis is the number of iterations), figures only. Expectation: the slope neither helps nor harms against DeepFool.",
                    "DeepFool L2, unbounded, overshoot 0.02 (torchattacks' DeepFool, which the author ran). " + setting,
                ]),
            new ResultTable("mean-over-eps", "Accuracy averaged over the ε grid per SReLU slope α (Fig. 2, middle row)",
                [new("α", ColumnFormat.Number), .. attacks.Select(a => new TableColumn(a.Label)), new("DeepFool")],
                means.Select(m => m.ToArray()).ToList(),
                [
                    "Paper: Fig. 2, middle row (\"averaged over all epsilons (iterations for DeepFool)\"), a figure only. Expectation: the mean rises with α for FGSM, BIM, R-FGSM and PGD, and stays flat for StepLL and DeepFool.",
                    "Mean over ε = 0 (clean) and the ε grid above (DeepFool: clean and each iteration count). " + setting,
                ]),
        ];
    }
}
