namespace RobustLab.Web.Services.Lab;

/// <summary>The ranges of the Lab's numeric controls, from the papers' settings (κ up to ~1 for LeNetLike, α ∈ {0.5 … 100}, σ ≤ 1, ε ≤ 0.3 on MNIST L∞).</summary>
public static class LabKnobs
{
    /// <summary>JumpReLU jump κ (Erichson et al.: κ = 1.0 for LeNetLike on MNIST).</summary>
    public static NumberKnob Kappa { get; } = new("jump κ", 0, 3, 0.05, 3);

    /// <summary>Randomized JumpReLU upper bound b (κ ~ U[0.6b, b] per forward pass).</summary>
    public static NumberKnob B { get; } = new("upper bound b", 0, 3, 0.05, 3);

    /// <summary>Sloped ReLU slope α (Borji: α ∈ {0.5, 1, 2, 5, 10, 100}).</summary>
    public static NumberKnob Alpha { get; } = new("slope α", 0.1, 100, 0.1, 2);

    /// <summary>Randomized smoothing noise σ (Nemcovsky et al.).</summary>
    public static NumberKnob Sigma { get; } = new("noise σ", 0, 1, 0.01, 3);

    /// <summary>Randomized smoothing samples n.</summary>
    public static NumberKnob Samples { get; } = new("samples n", 1, 256, 1, 0);

    /// <summary>Input scaling factor s (Borji Fig. 7).</summary>
    public static NumberKnob Scale { get; } = new("scale s", 0.1, 100, 0.1, 2, "×");

    public static NumberKnob EpsilonLinf { get; } = new("ε (L∞)", 0, 1, 0.005, 4);
    public static NumberKnob EpsilonL2 { get; } = new("ε (L2)", 0, 10, 0.05, 3);

    public static NumberKnob Steps { get; } = new("iterations", 1, 200, 1, 0);

    public static NumberKnob StepSizeLinf { get; } = new("step size α", 0.0005, 0.5, 0.0005, 4);
    public static NumberKnob StepSizeL2 { get; } = new("step size α", 0.005, 5, 0.005, 3);

    /// <summary>Gradient samples m of expectation attacks (EPGD/EOT).</summary>
    public static NumberKnob EotSamples { get; } = new("EOT samples m", 1, 64, 1, 0);

    public static NumberKnob Seed { get; } = new("seed", 0, 999_999, 1, 0);

    public static NumberKnob Epsilon(Engine.Attacks.LpNorm norm) => norm == Engine.Attacks.LpNorm.L2 ? EpsilonL2 : EpsilonLinf;

    public static NumberKnob StepSize(Engine.Attacks.LpNorm norm) => norm == Engine.Attacks.LpNorm.L2 ? StepSizeL2 : StepSizeLinf;
}
