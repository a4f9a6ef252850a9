using System.Globalization;
using RobustLab.Engine.Sweeps;

namespace RobustLab.Engine.Experiments;

// Accuracy vs PGD iterations (Erichson, Yao & Mahoney App. B, Fig. 8a): the ReLU LeNetLike and its JumpReLU retrofit. The reference
// attack is I-FGSM with steps of 0.01 (normalised units) and no ε bound but the steps, so ε = T·step for the largest T here.

/// <summary><c>robustlab reproduce jumprelu-iterations</c>: Fig. 8a, accuracy after t PGD iterations, all t from one run per model.</summary>
public sealed class JumpReLUIterations : IExperiment
{
    public string Name => "jumprelu-iterations";
    public string Description => "Accuracy vs PGD iterations for the ReLU LeNetLike and its JumpReLU retrofit";
    public string Paper => "Erichson, Yao & Mahoney, JumpReLU — App. B, Fig. 8a";
    public int DefaultLimit => 1000;

    public async Task<IReadOnlyList<ResultTable>> RunAsync(ExperimentContext context, CancellationToken cancellationToken = default)
    {
        var data = context.TestSet(DefaultLimit);
        double[] iterations = context.Quick ? [0, 1, 3] : [0, 1, 2, 3, 5, 7, 10, 15, 20, 30, 40, 60, 80, 100];
        double[] kappas = [0, JumpReLUSetup.PaperKappa];
        int steps = (int)iterations[^1];
        var settings = JumpReLUSetup.Pgd(steps);
        var model = context.DefaultModel("lenet-like");
        var curves = new List<IReadOnlyList<SweepPoint>>();
        foreach (var kappa in kappas)
        {
            context.Report($"LeNetLike κ = {kappa}: PGD accuracy after t ∈ {{{string.Join(", ", iterations)}}} iterations, {data.Count} test images");
            var setup = new SweepSetup(model with { Activation = JumpReLUSetup.Jump(kappa) }, data, "pgd", settings, Seed: context.Seed);
            curves.Add(await context.SweepAsync(new SweepRequest(setup, SweepKnobs.Iterations.Name, iterations), cancellationToken));
        }
        var rows = iterations.Select((t, i) => new object?[] { (int)t }.Concat(curves.Select(c => (object?)c[i].AdversarialAccuracy)).ToArray()).ToList();
        var columns = new List<TableColumn> { new("iterations", ColumnFormat.Integer) };
        columns.AddRange(kappas.Select(k => new TableColumn(k == 0 ? "ReLU (κ=0)" : "JumpReLU κ=" + k.ToString("G4", CultureInfo.InvariantCulture))));
        return
        [
            new ResultTable("iterations", "PGD accuracy vs iterations, ReLU vs JumpReLU LeNetLike (Fig. 8a)", columns, rows,
            [
                "Paper: Fig. 8a, a figure only. Expectation (App. B): accuracy falls as the iterations grow and the retrofitted model needs more iterations than the ReLU model to reach the same fooling rate (its curve lies above).",
                $"PGD L∞ with steps of {JumpReLUSetup.PgdStep:G4} (the paper's 0.01 on inputs normalised by σ = 0.3081), ε = {steps} × step = {steps * JumpReLUSetup.PgdStep:G4} so that, as in the reference I-FGSM, only the step count limits the perturbation; no random start. Iteration 0 is the clean accuracy.",
                $"One PGD run per model, read after each t. {data.Count} test images, seed {context.Seed}.",
            ]),
        ];
    }
}
