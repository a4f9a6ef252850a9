using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Attacks;

/// <summary>APGD-T: Auto-PGD on the targeted DLR loss against each of the top-k other classes in turn (Croce &amp; Hein 2020, §4 and §5,
/// "APGD-T"; the "standard" AutoAttack runs it with k = 9 targets, one restart each).</summary>
/// <remarks>
/// For target rank r = 2 … k + 1, the examples still classified correctly get t = the class with the r-th largest clean logit and one
/// <see cref="Apgd"/> run (100 iterations by default) ascending DLR_t(z, y, t) = −(z_y − z_t)/(z_π1 − ½(z_π3 + z_π4)). The attack is
/// untargeted in effect: an example counts as broken as soon as its prediction leaves y, whichever target got it there.
/// </remarks>
public sealed class ApgdTargeted(ThreatModel threat, int steps = 100, int targetClasses = 9, int restarts = 1) : Attack
{
    public ThreatModel Threat { get; } = threat.Validate();
    public int Steps { get; } = steps >= 1 ? steps : throw new ArgumentException($"APGD-T steps must be ≥ 1, got {steps}.");
    public int TargetClasses { get; } = targetClasses >= 1 ? targetClasses : throw new ArgumentException($"APGD-T needs ≥ 1 target class, got {targetClasses}.");
    public int Restarts { get; } = restarts >= 1 ? restarts : throw new ArgumentException($"APGD-T restarts must be ≥ 1, got {restarts}.");

    public override string Name => "apgd-t";

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context)
    {
        int k = Math.Min(TargetClasses, model.Classes - 1);
        var rng = new Random(context.Seed);
        var adversarial = x.Clone();
        var robust = Apgd.Robust(model, x, labels, context);
        int runs = k * Restarts, run = 0;
        for (int rank = 2; rank <= k + 1; rank++)
        {
            for (int r = 0; r < Restarts; r++, run++)
            {
                var todo = Apgd.Indices(robust);
                if (todo.Length == 0) return adversarial;
                var xs = x.Gather(todo);
                var y = todo.Select(i => labels[i]).ToArray();
                var targets = RankedClass(model.Logits(xs), rank);
                var (found, stillRobust) = Apgd.Run(model, xs, y, DifferenceOfLogitsRatio.Targeted(y, targets), Threat, Steps, rng, context,
                    (double)run / runs, 1.0 / runs);
                Apgd.Merge(adversarial, robust, todo, found, stillRobust);
            }
        }
        return adversarial;
    }

    /// <summary>The class with the <paramref name="rank"/>-th largest logit of each row (rank 1 = the prediction).</summary>
    internal static int[] RankedClass(Tensor logits, int rank)
    {
        int n = logits.Shape[0], k = logits.Shape[1];
        var result = new int[n];
        var order = new int[k];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < k; j++) order[j] = j;
            Array.Sort(logits.Data.AsSpan(i * k, k).ToArray(), order);
            result[i] = order[k - rank];
        }
        return result;
    }
}
