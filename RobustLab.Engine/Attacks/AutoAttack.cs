using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;

namespace RobustLab.Engine.Attacks;

/// <summary>AutoAttack, "standard" version (Croce &amp; Hein, ICML 2020, "Reliable evaluation of adversarial robustness with an ensemble of
/// diverse parameter-free attacks", §5): APGD-CE, APGD-T (DLR, 9 targets), FAB-T (9 targets) and Square (5000 queries), L∞ or L2.</summary>
/// <remarks>
/// The attacks run in that order, each only on the examples every earlier one left classified correctly; an example's result is the
/// first adversarial found (else the clean image), so the robust accuracy is the worst case over the four. Every component gets the
/// same seed, as in the authors' run_standard_evaluation. Parameter-free: ε and the norm are the only knobs a user must set
/// (steps and queries can be lowered to trade strength for time).
/// </remarks>
public sealed class AutoAttack(ThreatModel threat, int steps = 100, int queries = 5000) : Attack
{
    public ThreatModel Threat { get; } = threat.Validate();

    /// <summary>Iterations of each gradient component (per restart and target).</summary>
    public int Steps { get; } = steps;

    /// <summary>Square's query budget per example.</summary>
    public int Queries { get; } = queries;

    /// <summary>The components in the order they run.</summary>
    public IReadOnlyList<Attack> Components { get; } =
        [new Apgd(threat, steps), new ApgdTargeted(threat, steps), new FabTargeted(threat, steps), new Square(threat, queries)];

    public override string Name => "autoattack";

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context)
    {
        var adversarial = x.Clone();
        var robust = Apgd.Robust(model, x, labels, context);
        for (int c = 0; c < Components.Count; c++)
        {
            var todo = Apgd.Indices(robust);
            if (todo.Length == 0) break;
            var xs = x.Gather(todo);
            var y = todo.Select(i => labels[i]).ToArray();
            int part = c;
            var inner = context with
            {
                CleanPredictions = y, // every example handed on is still classified correctly
                Iterate = null,
                Progress = context.Progress is null ? null : new Scaled(context.Progress, (double)part / Components.Count, 1.0 / Components.Count),
            };
            var found = PerturbWith(Components[c], model, xs, y, inner);
            var predictions = SoftmaxCrossEntropy.Argmax(model.Logits(found));
            Apgd.Merge(adversarial, robust, todo, found, predictions.Select((p, i) => p == y[i]).ToArray());
        }
        return adversarial;
    }

    /// <summary>Maps a component's progress in [0,1] to its share [start, start + span] of the whole.</summary>
    private sealed class Scaled(IProgress<double> outer, double start, double span) : IProgress<double>
    {
        public void Report(double value) => outer.Report(start + span * Math.Clamp(value, 0, 1));
    }
}
