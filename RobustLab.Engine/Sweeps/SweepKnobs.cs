using RobustLab.Engine.Catalog;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Layers.Activations;

namespace RobustLab.Engine.Sweeps;

/// <summary>Every knob a sweep can turn, by name. Adding a knob = one line here; the CLI and the UI enumerate this list.</summary>
/// <remarks>
/// Model knobs retrofit the trained network at test time (JumpReLU §3, App. C; Borji §1) and leave the attack alone;
/// attack knobs leave the model alone, so a sweep over them computes clean predictions once.
/// </remarks>
public static class SweepKnobs
{
    /// <summary>The knobs' names.</summary>
    public const string Kappa = "kappa", B = "b", Alpha = "alpha", Sigma = "sigma", Samples = "n", InputScale = "input-scale",
        Epsilon = "eps", IterationsName = "iterations";

    /// <summary>PGD (or any attack that reports its iterates) accuracy after t iterations, all t from one run (JumpReLU App. B, Fig. 8).</summary>
    public static SweepKnob Iterations { get; } = new("iterations", "attack iterations t (one run, measured after each requested t)", Integer: true,
        new Knob("iterations", "t", "attack iterations t", 0, AttackKnobs.MaxSteps, 40, 1, "Accuracy after t steps of the attack, every t read off one run.") { Integer = true },
        "iterations", OnAttack: (s, v) => s with { Steps = (int)v });

    private static readonly Dictionary<string, SweepKnob> Knobs = new[]
    {
        new SweepKnob("kappa", "JumpReLU jump κ in every activation slot", Integer: false, DefenseCatalog.Kappa, "activation", OnModel: (m, v) => m with { Activation = new JumpReLU((float)v).Spec }),
        new SweepKnob("b", "randomized JumpReLU bound b (κ ~ U[0.6b, b] per forward pass)", Integer: false, DefenseCatalog.B, "activation", OnModel: (m, v) => m with { Activation = new RandomizedJumpReLU((float)v).Spec }),
        new SweepKnob("alpha", "SReLU slope α in every activation slot", Integer: false, DefenseCatalog.Alpha, "activation", OnModel: (m, v) => m with { Activation = new SlopedReLU((float)v).Spec }),
        new SweepKnob("sigma", "randomized-smoothing noise σ (n and the vote from the setup's smoothing)", Integer: false, DefenseCatalog.Sigma, "sigma", OnModel: (m, v) => m with { Smoothing = Smoothing(m, "sigma") with { Sigma = (float)v } }),
        new SweepKnob("n", "randomized-smoothing samples n (σ and the vote from the setup's smoothing)", Integer: true, DefenseCatalog.Samples, "n", OnModel: (m, v) => m with { Smoothing = Smoothing(m, "n") with { Samples = (int)v } }),
        new SweepKnob("input-scale", "input scaling factor s (clipping as in the setup's input scaling; clipped when it has none)", Integer: false, DefenseCatalog.Scale, "input-scale",
            OnModel: (m, v) => m with { InputScale = new InputScalingSpec((float)v, m.InputScale?.Clip ?? true) }),
        new SweepKnob("eps", "attack budget ε (L∞: pixel units of [0,1]; L2: Euclidean length)", Integer: false, AttackKnobs.EpsilonLinf, "eps", OnAttack: (s, v) => s with { Epsilon = (float)v }),
        Iterations,
    }.ToDictionary(k => k.Name);

    public static IReadOnlyCollection<string> Names => Knobs.Keys;

    /// <summary>Every knob, in menu order.</summary>
    public static IReadOnlyList<SweepKnob> All { get; } = [.. Knobs.Values];

    /// <summary>The knob named <paramref name="name"/>, or null.</summary>
    public static SweepKnob? Find(string? name) => name is not null && Knobs.TryGetValue(name, out var knob) ? knob : null;

    private static SmoothingSpec Smoothing(ModelSpec model, string knob) => model.Smoothing
        ?? throw new ArgumentException($"The {knob} knob turns the model's randomized smoothing: give the smoothing to start from (σ:n:vote).");

    public static SweepKnob Get(string name) =>
        Knobs.TryGetValue(name, out var knob)
            ? knob
            : throw new ArgumentException($"Unknown knob '{name}'. Known: {string.Join(", ", Knobs.Keys)}.");
}
