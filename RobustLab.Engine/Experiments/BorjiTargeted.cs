using RobustLab.Engine.Attacks;
using RobustLab.Engine.Sweeps;

namespace RobustLab.Engine.Experiments;

// Borji §2.2, Figs. 5–6 (MNIST): targeted FGSM, x̃ = clip(x − ε·sign(∇ₓJ(θ, x, y_targ))) (eq. 2), against the MNIST CNN with SReLU
// slope α. Success rate: the fraction of images classified as the target "if it has not already been classified so" — per target
// class (Fig. 6) and averaged over the ten targets (Fig. 5).

/// <summary><c>robustlab reproduce borji-targeted</c>: targeted FGSM success vs ε per slope α (Fig. 5) and per target class (Fig. 6).</summary>
public sealed class BorjiTargeted : IExperiment
{
    public string Name => "borji-targeted";
    public string Description => "SReLU slope α vs targeted FGSM: success rate vs ε per α, averaged over targets and per target class";
    public string Paper => "Borji, Sloped ReLU — Figs. 5–6 (MNIST)";
    public int DefaultLimit => 1000;

    public async Task<IReadOnlyList<ResultTable>> RunAsync(ExperimentContext context, CancellationToken cancellationToken = default)
    {
        var data = context.TestSet(DefaultLimit);
        var model = context.DefaultModel("borji-mnist");
        double[] slopes = BorjiSetup.Slopes(context.Quick), epsilons = BorjiSetup.Epsilons(context.Quick);
        const int classes = 10;
        var success = new float?[classes, slopes.Length, epsilons.Length];
        for (int target = 0; target < classes; target++)
            for (int s = 0; s < slopes.Length; s++)
            {
                context.Report($"Targeted FGSM towards {target}, α = {slopes[s]}, {data.Count} test images");
                var setup = new SweepSetup(model with { Activation = BorjiSetup.Slope(slopes[s]) }, data, "fgsm-targeted",
                    new AttackSettings(LpNorm.Linf, RandomStart: false), TargetChoice.Fixed(target), Seed: context.Seed);
                var points = await context.SweepAsync(new SweepRequest(setup, "eps", epsilons, Measures: SweepMeasures.CleanAccuracy | SweepMeasures.AttackSuccessRate), cancellationToken);
                for (int e = 0; e < epsilons.Length; e++) success[target, s, e] = points[e].AttackSuccessRate;
            }

        var mean = new List<object?[]>();
        for (int s = 0; s < slopes.Length; s++)
            mean.Add([slopes[s], .. Enumerable.Range(0, epsilons.Length).Select(e => (object?)Average(Enumerable.Range(0, classes).Select(t => success[t, s, e])))]);
        var perClass = new List<object?[]>();
        for (int target = 0; target < classes; target++)
            for (int s = 0; s < slopes.Length; s++)
                perClass.Add([target, slopes[s], .. Enumerable.Range(0, epsilons.Length).Select(e => (object?)success[target, s, e])]);

        string setting = $"Targeted FGSM (Borji eq. 2), one target class for every image, success = #(clean ≠ t ∧ adversarial = t) / #(clean ≠ t). {data.Count} MNIST test images (Borji: 10,000), borji-mnist, seed {context.Seed}.";
        var epsilonColumns = epsilons.Select(e => new TableColumn(BorjiSetup.Header(e, "ε="))).ToList();
        return
        [
            new ResultTable("targeted", "Targeted FGSM success rate vs ε per SReLU slope α, mean over the 10 target classes (Fig. 5)",
                [new("α", ColumnFormat.Number), .. epsilonColumns], mean,
                [
                    "Paper: Fig. 5, a figure only (lower is a better defense). Expectation (§2.2): success grows with ε; slopes above 1 lower it, about equally for all α > 1; the defense is weaker than against untargeted FGSM.",
                    "Mean over the ten targets of each target's success rate. " + setting,
                    DisagreementNote,
                ]),
            new ResultTable("targeted-per-class", "Targeted FGSM success rate vs ε per target class and SReLU slope α (Fig. 6)",
                [new("target", ColumnFormat.Integer), new("α", ColumnFormat.Number), .. epsilonColumns], perClass,
                [
                    "Paper: Fig. 6, a figure only. Expectation (§2.2): a slope above 1 helps for 6 of the 10 target classes on MNIST and ties or slightly hurts for the others.",
                    setting,
                ]),
        ];
    }

    // Issue 10: why the mean success does not fall as the slope rises, as Fig. 5 shows it falling.
    private const string DisagreementNote =
        "Why the average does not fall with α here: not gradient masking — a targeted loss keeps its gradient when the softmax saturates "
        + "(∂(−J(x,t))/∂z = onehot(t) − softmax(z) → onehot(t) − onehot(y), not 0), so the exactly-zero input gradients that stop untargeted "
        + "FGSM at large α (88–93 % of the examples at α ≥ 5) occur only on images already of the target class, which the success rate excludes; "
        + "and not an implementation difference — RobustLab's FGSM gives PyTorch's adversarial images pixel for pixel, and an independent PyTorch run "
        + "on PyTorch-trained borji-mnist weights (500 images, ε = 0.3) gives the same shape: 54.8 % at α = 1, then 50.1 / 49.9 / 49.8 % at α = 2 / 5 / 10. "
        + "So it is a real, quantitative disagreement with Fig. 5: the step from α = 1 to 2 is small and depends on the trained weights (none on the lab's "
        + "own model), and flat beyond — which §2.2 itself reports ('about the same for slopes greater than one'), with the remark that exploding gradients do not stop targeted attacks.";

    private static float? Average(IEnumerable<float?> values)
    {
        var known = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return known.Count == 0 ? null : known.Average();
    }
}
