using RobustLab.Engine.Sweeps;

namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>One plotted measurement: how it is named, which y axis it goes on, how its line looks, and where a point keeps it.</summary>
/// <param name="Flag">Its member of <see cref="PlotMeasures"/>.</param>
/// <param name="Label">Menu and legend text.</param>
/// <param name="Rate">A fraction of examples (accuracy, success rate): plotted on the left axis in percent; otherwise a
/// perturbation size (ρ, mean ‖δ‖) on the right axis, as in JumpReLU Fig. 4.</param>
/// <param name="Engine">The engine's measurement that yields it (ρ₂ and ρ∞ come together, as do the two means).</param>
/// <param name="Dash">plotly line dash, so measurements of one series (one colour) stay apart.</param>
/// <param name="Symbol">plotly marker symbol.</param>
/// <param name="Read">Its value at a point (null when not measured or undefined there).</param>
public sealed record PlotMeasure(PlotMeasures Flag, string Label, bool Rate, SweepMeasures Engine, string Dash, string Symbol, Func<SweepPoint, float?> Read)
{
    /// <summary>Every measurement, in legend order.</summary>
    public static IReadOnlyList<PlotMeasure> All { get; } =
    [
        new(PlotMeasures.CleanAccuracy, "clean accuracy", true, SweepMeasures.CleanAccuracy, "dot", "circle-open", p => p.CleanAccuracy),
        new(PlotMeasures.AdversarialAccuracy, "adversarial accuracy", true, SweepMeasures.AdversarialAccuracy, "solid", "circle", p => p.AdversarialAccuracy),
        new(PlotMeasures.AttackSuccessRate, "attack success rate", true, SweepMeasures.AttackSuccessRate, "dashdot", "triangle-up", p => p.AttackSuccessRate),
        new(PlotMeasures.FoolingRate, "fooling rate", true, SweepMeasures.FoolingRate, "longdashdot", "triangle-down", p => p.FoolingRate),
        new(PlotMeasures.TransferRate, "transfer rate", true, SweepMeasures.TransferRate, "dashdot", "star", p => p.TransferRate),
        new(PlotMeasures.RhoL2, "ρ₂ (mean ‖δ‖₂/‖x‖₂)", false, SweepMeasures.Rho, "dash", "square", p => p.RhoL2),
        new(PlotMeasures.RhoLinf, "ρ∞ (mean ‖δ‖∞/‖x‖∞)", false, SweepMeasures.Rho, "longdash", "square-open", p => p.RhoLinf),
        new(PlotMeasures.MeanL2, "mean ‖δ‖₂", false, SweepMeasures.MeanPerturbation, "dash", "diamond", p => p.MeanL2),
        new(PlotMeasures.MeanLinf, "mean ‖δ‖∞", false, SweepMeasures.MeanPerturbation, "longdash", "diamond-open", p => p.MeanLinf),
    ];

    /// <summary>The measurement of one flag.</summary>
    public static PlotMeasure Of(PlotMeasures flag) => All.Single(m => m.Flag == flag);

    /// <summary>The measurements in <paramref name="set"/>, in legend order.</summary>
    public static IReadOnlyList<PlotMeasure> In(PlotMeasures set) => [.. All.Where(m => (set & m.Flag) != 0)];

    /// <summary>What the engine must measure for <paramref name="set"/>.</summary>
    public static SweepMeasures EngineMeasures(PlotMeasures set) => In(set).Aggregate((SweepMeasures)0, (all, m) => all | m.Engine);
}
