using RobustLab.Engine.Attacks;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Sweeps;

namespace RobustLab.Engine.Experiments;

// Borji §3, Fig. 7 (MNIST): "I multiplied the pixel values by α and computed the classifier performance under the untargeted FGSM
// attack": the ReLU MNIST CNN sees s·x, clipped to [0,1] (Fig. 7 left) or not (right), s over the slopes of Fig. 2.

/// <summary><c>robustlab reproduce borji-scaling</c>: FGSM accuracy vs ε with the input scaled by s, with and without clipping.</summary>
public sealed class BorjiScaling : IExperiment
{
    public string Name => "borji-scaling";
    public string Description => "Input scaling by s with and without clipping to [0,1] vs untargeted FGSM: accuracy vs ε per s";
    public string Paper => "Borji, Sloped ReLU — Fig. 7 (MNIST)";
    public int DefaultLimit => 1000;

    public async Task<IReadOnlyList<ResultTable>> RunAsync(ExperimentContext context, CancellationToken cancellationToken = default)
    {
        var data = context.TestSet(DefaultLimit);
        var model = context.DefaultModel("borji-mnist");
        double[] scales = BorjiSetup.Slopes(context.Quick), epsilons = BorjiSetup.Epsilons(context.Quick);
        var rows = new List<object?[]>();
        foreach (bool clip in new[] { true, false })
            foreach (var scale in scales)
            {
                var scaled = model with { InputScale = new InputScalingSpec((float)scale, clip) };
                context.Report($"FGSM, input × {scale} {(clip ? "clipped" : "not clipped")}, {data.Count} test images");
                var setup = new SweepSetup(scaled, data, "fgsm", new AttackSettings(LpNorm.Linf, RandomStart: false), Seed: context.Seed);
                var points = await context.SweepAsync(new SweepRequest(setup, "eps", epsilons), cancellationToken);
                rows.Add([clip ? "clipped" : "not clipped", scale, points[0].CleanAccuracy, .. points.Select(p => (object?)p.AdversarialAccuracy)]);
            }
        return
        [
            new ResultTable("input-scaling", "FGSM accuracy vs ε with the input scaled by s, clipped to [0,1] or not (Fig. 7)",
                [new("clipping", ColumnFormat.Text), new("s", ColumnFormat.Number), new("ε=0 (clean)"), .. epsilons.Select(e => new TableColumn(BorjiSetup.Header(e, "ε=")))],
                rows,
                [
                    "Paper: Fig. 7 (MNIST), a figure only. Expectation (§3): scaling with clipping gives no robustness; without clipping the curves resemble raising the SReLU slope (compare borji-eps, FGSM rows).",
                    "The attack sees the scaled model (FGSM on x, gradient through the scaling and, where it is active, the clipping); s = 1 is the undefended ReLU model either way.",
                    $"{data.Count} MNIST test images, borji-mnist, seed {context.Seed}.",
                ]),
        ];
    }
}
