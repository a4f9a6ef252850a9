namespace RobustLab.Engine.Sweeps;

/// <summary>One measured point of a sweep: the knob's value and what was measured there. JSON-ready (System.Text.Json).</summary>
/// <remarks>
/// Measurements are <see cref="Metrics.AdversarialMetrics"/>' over the whole subset: accuracies over all examples; success rate,
/// ρ and mean perturbations over the examples the attack turned. A measurement is null when it was not asked for, when
/// there was no attack, or when its denominator is empty.
/// </remarks>
/// <param name="Series">The series label, so a plot can overlay several sweeps.</param>
/// <param name="Knob">The knob's name ("eps", "kappa", ...); null for a single evaluation without a knob.</param>
/// <param name="Index">Position of <paramref name="Value"/> in the request's values (for a transfer matrix: row·targets + column).</param>
/// <param name="Value">The knob's value at this point (the target model's, in a transfer matrix); null without a knob.</param>
/// <param name="SourceValue">The source model's knob value in a transfer matrix (row); null otherwise.</param>
/// <param name="Examples">Number of examples measured.</param>
/// <param name="TransferRate">For an attack crafted on another model: of the examples the source got right and its attack
/// turned, and the clean target got right, the fraction the target gets wrong (Kurakin §4.4); null otherwise (and for the iterations knob).</param>
/// <param name="Seconds">Wall-clock time spent on this point (work reused from earlier points is not counted again); for the
/// iterations knob, whose points share one run, the time from the start of the sweep until the point was measured.</param>
/// <param name="Model">The defended model's label.</param>
/// <param name="Source">The label of the model the attack was crafted on, when it is not the defended model.</param>
/// <param name="Attack">The attack's label (null without an attack).</param>
/// <param name="ZeroGradientFraction">Fraction of examples whose clean input gradient on the defended model is exactly zero
/// (<see cref="Metrics.ZeroGradient"/>, the gradient-masking signal); null unless asked for (<see cref="SweepMeasures.ZeroGradient"/>).</param>
public sealed record SweepPoint(
    string Series,
    string? Knob,
    int Index,
    double? Value,
    double? SourceValue,
    int Examples,
    float? CleanAccuracy,
    float? AdversarialAccuracy,
    float? AttackSuccessRate,
    float? FoolingRate,
    float? RhoL2,
    float? RhoLinf,
    float? MeanL2,
    float? MeanLinf,
    float? TransferRate,
    double Seconds,
    string Model,
    string? Source,
    string? Attack,
    float? ZeroGradientFraction = null)
{
    /// <summary>For a black-box attack (Square, NAttack): the mean number of queries it spent on the examples it turned; null otherwise.</summary>
    public float? MeanQueries { get; init; }

    /// <summary>The median of the same query counts.</summary>
    public float? MedianQueries { get; init; }
}
