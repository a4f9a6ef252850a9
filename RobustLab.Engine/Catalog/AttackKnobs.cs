using RobustLab.Engine.Attacks;

namespace RobustLab.Engine.Catalog;

/// <summary>The knobs attacks share, each in one place with its range, default and source; an entry picks and adjusts them.</summary>
/// <remarks>
/// Ranges are the lab's: wide enough for every paper's setting, narrow enough to keep a slider usable. The L∞ budget
/// and step are pixel units of [0,1] (Kurakin et al. quote 0–255 units: ε₂₅₅ = 255·ε); L2 values are Euclidean lengths
/// of the whole 28×28 image, at most 28.
/// </remarks>
public static class AttackKnobs
{
    /// <summary>Largest iteration count any attack may run (the trust region's 1,000 of JumpReLU §4).</summary>
    public const int MaxSteps = 1000;

    /// <summary>Largest L2 length of a perturbation of a 28×28 image in [0,1].</summary>
    public const double MaxL2 = 28;

    /// <summary>The budget ε in the norm's units (every attack has it; it is not an <see cref="AttackSetting"/>).</summary>
    public static Knob Epsilon(LpNorm norm) => norm == LpNorm.L2 ? EpsilonL2 : EpsilonLinf;

    public static Knob EpsilonLinf { get; } = new("eps", "ε", "attack budget ε (L∞)", 0, 1, 0.3, 0.005,
        "Largest change of any one pixel: |δᵢ| ≤ ε, pixels in [0,1].")
    { Unit = "pixel units of [0,1]", Source = "ε = 0.3 on MNIST: " + Papers.Madry + " (also Borji Fig. 2)" };

    public static Knob EpsilonL2 { get; } = new("eps", "ε", "attack budget ε (L2)", 0, MaxL2, 2, 0.05,
        "Largest Euclidean length of the perturbation: ‖δ‖₂ ≤ ε (a 28×28 image in [0,1] has ‖x‖₂ ≤ 28).")
    { Unit = "L2 length" };

    /// <summary>Iterations t with a fixed default.</summary>
    public static AttackKnob Steps(double defaultSteps, string help, string? source, Func<Attack, double?> read) =>
        new(AttackSetting.Steps, new Knob("steps", "t", "iterations t", 1, MaxSteps, defaultSteps, 1, help) { Integer = true, Source = source }, "steps")
        { Read = read };

    /// <summary>Step size α, per norm; null = the attack's own rule (<paramref name="rule"/>).</summary>
    public static AttackKnob StepSize(string label, string help, string rule, Func<Attack, double?> read, double linfDefault = 0.01, double l2Default = 0.1) =>
        new(AttackSetting.StepSize,
            new Knob("step-size", "α", label, 0, 1, linfDefault, 0.0005, help) { MinExclusive = true, Unit = "pixel units of [0,1]", Source = rule },
            "step-size")
        {
            L2 = new Knob("step-size", "α", label, 0, 10, l2Default, 0.005, help) { MinExclusive = true, Unit = "L2 length", Source = rule },
            Auto = true,
            Read = read,
        };

    public static AttackKnob EotSamples { get; } = new(AttackSetting.Samples,
        new Knob("samples", "m", "EOT samples m", 1, 64, new AttackSettings().Samples, 1,
            "Noisy copies averaged into each gradient: the expectation over the defense's randomness (EOT).")
        { Integer = true, Source = Papers.Nemcovsky + ", §4 (EPGD averages m sampled gradients; m is the lab's choice)" },
        "samples")
    { Read = a => (a as Epgd)?.Samples };

    public static AttackKnob Overshoot { get; } = new(AttackSetting.Overshoot,
        new Knob("overshoot", "η", "overshoot η", 0, 1, 0.02, 0.005,
            "Steps past the linearised boundary by a factor 1 + η, so the point lands on the other side.")
        { Source = Papers.DeepFool + ", §3 (η = 0.02)" },
        "overshoot")
    { Read = a => a switch { DeepFool d => d.Overshoot, TrustRegion t => t.Overshoot, _ => null } };

    public static AttackKnob Candidates { get; } = new(AttackSetting.Candidates,
        new Knob("candidates", "k", "candidate classes k", 1, 9, 9, 1,
            "Only the k other classes with the largest clean logits are tried (default: all).")
        { Integer = true },
        "candidates")
    { Auto = true, Read = a => a switch { DeepFool d => d.Candidates, TrustRegion t => t.Candidates, _ => null } };

    public static AttackKnob Confidence { get; } = new(AttackSetting.Confidence,
        new Knob("confidence", "κ", "confidence κ", 0, 50, 0, 0.5,
            "How far the adversarial class must win by, in logits (0: just across the boundary).")
        { Source = Papers.CarliniWagner + ", §V (κ = 0 for the minimal attack)" },
        "confidence")
    { Read = a => (a as CarliniWagner)?.Confidence };

    public static AttackKnob BinarySearchSteps { get; } = new(AttackSetting.BinarySearchSteps,
        new Knob("binary-steps", "s", "values of c tried", 1, 20, new AttackSettings().BinarySearchSteps, 1,
            "Binary-search steps over the loss weight c (the paper's 9; 5 keeps the Lab responsive).")
        { Integer = true },
        "binary-steps")
    { Read = a => (a as CarliniWagner)?.BinarySearchSteps };

    public static AttackKnob LearningRate { get; } = new(AttackSetting.LearningRate,
        new Knob("learning-rate", "η_Adam", "Adam step", 0, 1, 0.1, 0.005,
            "Adam's learning rate on the tanh-space variable w (the paper's 0.01 needs ~10,000 steps; 0.1 converges in 100).")
        { MinExclusive = true },
        "learning-rate")
    { Read = a => (a as CarliniWagner)?.LearningRate };

    public static AttackKnob InitialConst { get; } = new(AttackSetting.InitialConst,
        new Knob("initial-const", "c₀", "first loss weight c₀", 0, 100, 0.01, 0.001,
            "The weight of the misclassification term tried first; the binary search adjusts it.")
        { MinExclusive = true },
        "initial-const")
    { Read = a => (a as CarliniWagner)?.InitialConst };

    public static AttackKnob TrustRadius { get; } = new(AttackSetting.StepSize,
        new Knob("step-size", "r₀", "first trust radius r₀", 0, 0.1, 0.001, 0.0005,
            "The first step's length; the radius then grows where the linear model predicts well and shrinks where it does not.")
        { MinExclusive = true, Source = Papers.TrustRegion + " (the reference command line's 0.001)" },
        "step-size")
    { Read = a => (a as TrustRegion)?.InitialRadius };

    public static AttackKnob Queries { get; } = new(AttackSetting.Queries,
        new Knob("queries", "q", "queries per example", 1, 100_000, 5000, 100,
            "Forward passes the black-box search may spend on one image (no gradients are used).")
        { Integer = true, Source = Papers.CroceHein + " (5,000 queries in the standard AutoAttack)" },
        "queries")
    { Read = a => a switch { Square q => q.Queries, AutoAttack e => e.Queries, _ => null } };

    public static AttackKnob Population { get; } = new(AttackSetting.Population,
        new Knob("population", "b", "samples per update b", 2, 100_000, 300, 10,
            "Noise samples drawn around the search distribution's mean for each update of NAttack.")
        { Integer = true, Source = Papers.NAttack + ", §3 (b = 300)" },
        "population")
    { Read = a => (a as NAttack)?.Population };
}
