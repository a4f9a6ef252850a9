using System.Globalization;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Sweeps;

namespace RobustLab.Engine.Experiments;

// Gray-box transfer matrix (Erichson, Yao & Mahoney App. A, Fig. 7a): cell (i, j) is the accuracy of the LeNetLike retrofitted with
// jump κⱼ (target) on PGD examples crafted on the same network with jump κᵢ (source). "We run the attack with a large number of
// iterations, enough so that the crafted adversarial examples achieve a nearly 100 percent fool rate for the source model."

/// <summary><c>robustlab reproduce jumprelu-transfer</c>: the source κ × target κ matrix of Fig. 7a.</summary>
public sealed class JumpReLUTransfer : IExperiment
{
    public string Name => "jumprelu-transfer";
    public string Description => "JumpReLU gray-box transfer matrix: PGD crafted at source κ, accuracy at target κ";
    public string Paper => "Erichson, Yao & Mahoney, JumpReLU — App. A, Fig. 7a";
    public int DefaultLimit => 1000;

    /// <summary>PGD L∞ with the paper's step in pixel units (0.01 on x/σ), 200 steps, ε = 0.3 (the usual MNIST budget): enough to fool
    /// the ReLU source ~100 %; the paper's reference attack has no ε bound but its steps.</summary>
    public static AttackSettings Attack(bool quick) => new(LpNorm.Linf, 0.3f, Steps: quick ? 5 : 200, StepSize: JumpReLUSetup.PgdStep, RandomStart: false);

    public async Task<IReadOnlyList<ResultTable>> RunAsync(ExperimentContext context, CancellationToken cancellationToken = default)
    {
        var data = context.TestSet(DefaultLimit);
        double[] kappas = context.Quick ? [0, JumpReLUSetup.PaperKappa] : [0, 0.25, 0.5, 0.75, 1.0];
        var settings = Attack(context.Quick);
        context.Report($"LeNetLike transfer matrix, κ ∈ {{{string.Join(", ", kappas)}}}, {data.Count} test images");
        var setup = new SweepSetup(context.DefaultModel("lenet-like"), data, "pgd", settings, Seed: context.Seed);
        var points = await context.SweepAsync(new SweepRequest(setup, "kappa", kappas, SourceValues: kappas), cancellationToken);

        var rows = new List<object?[]>();
        for (int i = 0; i < kappas.Length; i++)
        {
            var row = new object?[kappas.Length + 2];
            row[0] = kappas[i];
            for (int j = 0; j < kappas.Length; j++) row[j + 1] = points[i * kappas.Length + j].AdversarialAccuracy;
            row[^1] = points[i * kappas.Length + i].FoolingRate;
            rows.Add(row);
        }
        var columns = new List<TableColumn> { new("source κ", ColumnFormat.Number) };
        columns.AddRange(kappas.Select(k => new TableColumn("target κ=" + k.ToString("G4", CultureInfo.InvariantCulture))));
        columns.Add(new TableColumn("source fool rate"));
        return
        [
            new ResultTable("transfer-matrix", "Gray-box transfer matrix, accuracy at target κ of PGD crafted at source κ (Fig. 7a)", columns, rows,
            [
                "Paper: Fig. 7a, a figure only (no numbers in the text). Expectation (App. A): the attack is unidirectional — examples crafted at a low κ still fool targets with a higher κ, while targets with a low κ resist examples crafted at a high κ; the diagonal is the white-box accuracy.",
                $"PGD L∞ ε = 0.3, {settings.Steps} steps of {JumpReLUSetup.PgdStep:G4} (the paper's step in pixel units), no random start; clean accuracy at each κ is in jumprelu-kappa. {data.Count} test images, seed {context.Seed}.",
                "κ is in our units (pixels in [0,1]); the paper's κ = 1.0 corresponds to about our 0.5 (see jumprelu-kappa).",
            ]),
        ];
    }
}
