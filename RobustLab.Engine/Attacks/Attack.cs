using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Attacks;

/// <summary>An adversarial attack: a classifier, a batch and its labels (plus targets for targeted attacks) in, adversarial batch out.</summary>
/// <remarks>
/// Implementations keep their settings (ε, steps, ...) as constructor arguments and are stateless
/// between runs, so one instance serves many batches. Every attack respects its threat model exactly:
/// ‖x̃ − x‖ ≤ ε in its norm and x̃ ∈ [0,1].
/// </remarks>
public abstract class Attack
{
    /// <summary>The CLI name ("fgsm", "pgd", ...).</summary>
    public abstract string Name { get; }

    /// <summary>Whether the attack needs <see cref="AttackContext.Targets"/>.</summary>
    public virtual bool Targeted => false;

    /// <summary>x [N,C,H,W] in [0,1], labels [N] → the adversarial batch, measured.</summary>
    public AttackResult Run(IClassifier model, Tensor x, int[] labels, AttackContext? context = null)
    {
        context ??= AttackContext.Default;
        if (x.N != labels.Length) throw new ArgumentException($"{Name}: {labels.Length} labels for {x.N} images.");
        if (Targeted && (context.Targets is null || context.Targets.Length != labels.Length))
            throw new ArgumentException($"{Name} is a targeted attack: give one target class per image.");
        foreach (int t in context.Targets ?? [])
            if ((uint)t >= (uint)model.Classes) throw new ArgumentException($"{Name}: target {t} outside 0..{model.Classes - 1}.");
        if (context.CleanPredictions is { } known && known.Length != labels.Length)
            throw new ArgumentException($"{Name}: {known.Length} clean predictions for {labels.Length} images.");
        int[]? queries = CountsQueries ? new int[x.N] : null;
        var adversarial = queries is null ? Perturb(model, x, labels, context) : Perturb(model, x, labels, context, queries);
        context.Progress?.Report(1.0);
        var result = AttackResult.Measure(model, x, adversarial, labels, Targeted ? context.Targets : null, context.CleanPredictions);
        return queries is null ? result : result with { Queries = queries };
    }

    /// <summary>Whether the attack counts its queries (black-box attacks: forward passes per example, reported in <see cref="AttackResult.Queries"/>).</summary>
    public virtual bool CountsQueries => false;

    /// <summary>Like <see cref="Perturb(IClassifier, Tensor, int[], AttackContext)"/>, and adds to <paramref name="queries"/>[n] the model
    /// evaluations spent on example n (attacks that <see cref="CountsQueries"/> override it).</summary>
    protected virtual Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context, int[] queries) =>
        Perturb(model, x, labels, context);

    /// <summary>Returns x̃ (a new tensor; x is not modified).</summary>
    protected abstract Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context);

    /// <summary>Runs another attack's <see cref="Perturb(IClassifier, Tensor, int[], AttackContext)"/> (composition: EPGD = PGD on an averaged gradient, BPDA = PGD on a substitute backward).</summary>
    protected static Tensor PerturbWith(Attack inner, IClassifier model, Tensor x, int[] labels, AttackContext context) =>
        inner.Perturb(model, x, labels, context);

    public override string ToString() => Name;
}
