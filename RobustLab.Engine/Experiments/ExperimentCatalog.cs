namespace RobustLab.Engine.Experiments;

/// <summary>Every paper experiment by its command-line name (a contract). Adding one = one class + one line here; the CLI and the lab list this.</summary>
public static class ExperimentCatalog
{
    private static readonly IExperiment[] Experiments =
    [
        new JumpReLUKappa(),
        new JumpReLUTransfer(),
        new JumpReLUIterations(),
        new BorjiEpsilon(),
        new BorjiTargeted(),
        new BorjiScaling(),
        new BorjiBpda(),
        new SmoothingAblation(),
        new KurakinAdversarialTraining(),
        new KurakinLabelLeak(),
        new ReliableEvaluation(),
    ];

    private static readonly Dictionary<string, IExperiment> ByName = Experiments.ToDictionary(e => e.Name);

    /// <summary>All experiments, in the order they are listed.</summary>
    public static IReadOnlyList<IExperiment> All => Experiments;

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    /// <summary>The experiment called <paramref name="name"/>; throws <see cref="ArgumentException"/> naming the known ones.</summary>
    public static IExperiment Get(string name) =>
        ByName.TryGetValue(name, out var experiment)
            ? experiment
            : throw new ArgumentException($"Unknown experiment '{name}'. Known: {string.Join(", ", ByName.Keys)}.");
}
