using System.Globalization;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Sweeps;

namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>What the Trade-offs page says and allows for one <see cref="SweepKnobs"/> knob: its symbol, axis title and value range.</summary>
/// <param name="Name">The engine's knob name ("kappa", "eps", ...).</param>
/// <param name="Symbol">The symbol in legends and labels ("κ", "ε", ...).</param>
/// <param name="Title">Menu text.</param>
/// <param name="Group">Knobs of one group change the same setting (κ, b and α all set the activation), so one cannot vary the other.</param>
/// <param name="Min">Smallest value allowed (inclusive unless <paramref name="MinExclusive"/>).</param>
/// <param name="Max">Largest value allowed (inclusive).</param>
/// <param name="MinExclusive">The value must be above <paramref name="Min"/>.</param>
/// <param name="Integer">Whole numbers only.</param>
public sealed record KnobInfo(string Name, string Symbol, string Title, string Group, double Min, double Max, bool MinExclusive = false, bool Integer = false)
{
    public const string Kappa = "kappa", B = "b", Alpha = "alpha", Sigma = "sigma", Samples = "n", InputScale = "input-scale",
        Epsilon = "eps", Iterations = "iterations";

    /// <summary>Every knob of the engine, in menu order. L2 budgets may go to <see cref="MaxL2Epsilon"/>; see <see cref="Check"/>.</summary>
    public static IReadOnlyList<KnobInfo> All { get; } =
    [
        new(Kappa, "κ", "JumpReLU jump κ", "activation", 0, 10),
        new(B, "b", "randomized JumpReLU bound b", "activation", 0, 10, MinExclusive: true),
        new(Alpha, "α", "SReLU slope α", "activation", 0, 1000, MinExclusive: true),
        new(Sigma, "σ", "smoothing noise σ", Sigma, 0, 2),
        new(Samples, "n", "smoothing samples n", Samples, 1, TradeoffsLimits.MaxSmoothingSamples, Integer: true),
        new(InputScale, "s", "input scale s", InputScale, 0, 100, MinExclusive: true),
        new(Epsilon, "ε", "attack budget ε", Epsilon, 0, 1),
        new(Iterations, "t", "attack iterations t", Iterations, 0, TradeoffsLimits.MaxSteps, Integer: true),
    ];

    /// <summary>Largest L2 budget (the L2 norm of a whole 28×28 image in [0,1] is at most 28).</summary>
    public const double MaxL2Epsilon = 28;

    public static KnobInfo Get(string name) =>
        All.FirstOrDefault(k => k.Name == name) ?? throw new ArgumentException($"Unknown knob '{name}'. Known: {string.Join(", ", All.Select(k => k.Name))}.");

    /// <summary>True when the knob changes the model (so a transfer matrix can turn it); false for ε and iterations.</summary>
    public bool ChangesModel => SweepKnobs.Get(Name).ChangesModel;

    /// <summary>The x-axis title: "jump κ", "attack budget ε (L∞)".</summary>
    public string AxisTitle(LpNorm norm) => Name == Epsilon ? $"{Title} ({(norm == LpNorm.L2 ? "L2" : "L∞")})" : Title;

    /// <summary>"κ = 0.5".</summary>
    public string Label(double value) => $"{Symbol} = {Format(value)}";

    /// <summary>Null when <paramref name="value"/> is allowed, else why not (for a message that names the field).</summary>
    public string? Check(double value, LpNorm norm = LpNorm.Linf)
    {
        double max = Name == Epsilon && norm == LpNorm.L2 ? MaxL2Epsilon : Max;
        if (!double.IsFinite(value)) return $"{Symbol} must be a finite number";
        if (Integer && value != Math.Floor(value)) return $"{Symbol} takes whole numbers, got {Format(value)}";
        if (MinExclusive ? value <= Min : value < Min) return $"{Symbol} must be {(MinExclusive ? ">" : "≥")} {Format(Min)}, got {Format(value)}";
        if (value > max) return $"{Symbol} must be ≤ {Format(max)}, got {Format(value)}";
        return null;
    }

    public static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
