using System.Globalization;

namespace RobustLab.Engine.Catalog;

/// <summary>One numeric setting as every page and the CLI offer it: symbol, range, default, slider step, unit and one line of help.</summary>
/// <remarks>
/// The one definition of a control: the Lab's slider, the Trade-offs field, a share link, the CLI option and the
/// server-side checks all read their range here, so they cannot disagree. <see cref="Source"/> says where the default
/// comes from (paper and section), shown beside the control.
/// </remarks>
/// <param name="Name">The name links, sweeps and the CLI use ("kappa", "eps", "steps").</param>
/// <param name="Symbol">The symbol of the papers ("κ", "ε", "t").</param>
/// <param name="Label">What the control is called on the page ("jump κ").</param>
/// <param name="Min">Smallest value (inclusive unless <see cref="MinExclusive"/>).</param>
/// <param name="Max">Largest value (inclusive).</param>
/// <param name="Default">The value a fresh page starts from.</param>
/// <param name="Step">The slider's step (arrow keys).</param>
/// <param name="Help">One line: what the setting does.</param>
public sealed record Knob(string Name, string Symbol, string Label, double Min, double Max, double Default, double Step, string Help)
{
    /// <summary>The unit shown beside the value ("pixel units of [0,1]", "×"), or null for a pure number.</summary>
    public string? Unit { get; init; }

    /// <summary>Whole numbers only.</summary>
    public bool Integer { get; init; }

    /// <summary>The value must be above <see cref="Min"/> (a slider then starts one step above it).</summary>
    public bool MinExclusive { get; init; }

    /// <summary>Where the default comes from ("Madry et al. 2018, MNIST; JumpReLU §4"), or null for a lab choice said in <see cref="Help"/>.</summary>
    public string? Source { get; init; }

    /// <summary>The line every page shows under the control: the help, and where the default comes from.</summary>
    public string HelpLine => Source is { } source ? $"{Help} Default: {source}." : Help;

    /// <summary>Digits kept after the decimal point: none for whole numbers, else one more than the step has.</summary>
    public int Decimals => Integer ? 0 : Math.Max(0, (int)Math.Ceiling(-Math.Log10(Step) - 1e-9)) + 1;

    /// <summary>The smallest value a slider can take (one step above <see cref="Min"/> when it is exclusive).</summary>
    public double SliderMin => MinExclusive ? Min + Step : Min;

    /// <summary>The nearest allowed value: clamped to the range, rounded to <see cref="Decimals"/>; NaN keeps <paramref name="fallback"/>.</summary>
    public double Clamp(double value, double fallback)
    {
        if (double.IsNaN(value)) value = fallback;
        double clamped = Math.Clamp(value, SliderMin, Max);
        return Math.Clamp(Math.Round(clamped, Decimals, MidpointRounding.AwayFromZero), SliderMin, Max);
    }

    /// <summary>Null when <paramref name="value"/> is allowed, else why not ("κ must be ≤ 3, got 5").</summary>
    public string? Check(double value)
    {
        if (!double.IsFinite(value)) return $"{Symbol} must be a finite number";
        if (Integer && value != Math.Floor(value)) return $"{Symbol} takes whole numbers, got {FormatNumber(value)}";
        if (MinExclusive ? value <= Min : value < Min) return $"{Symbol} must be {(MinExclusive ? ">" : "≥")} {Format(Min)}, got {FormatNumber(value)}";
        if (value > Max) return $"{Symbol} must be ≤ {Format(Max)}, got {FormatNumber(value)}";
        return null;
    }

    /// <summary>The knob with another range (the L2 form of a budget, a cap set by the server's limits).</summary>
    public Knob WithRange(double min, double max) => this with { Min = min, Max = max, Default = Math.Clamp(Default, min, max) };

    /// <summary>"κ = 0.5".</summary>
    public string ValueLabel(double value) => $"{Symbol} = {Format(value)}";

    /// <summary>The value as pages print it: invariant culture, at most <see cref="Decimals"/> decimals (G6 past them).</summary>
    public string Format(double value) => FormatNumber(value, Decimals);

    /// <summary>"0.3" with at most <paramref name="decimals"/> decimals, invariant culture.</summary>
    public static string FormatNumber(double value, int decimals = 6) =>
        value.ToString("0." + new string('#', Math.Max(decimals, 0)), CultureInfo.InvariantCulture);

    /// <summary>The knob's range for usage text: "0–3", "1–1000 (whole)".</summary>
    public string RangeText => $"{(MinExclusive ? ">" : "")}{Format(Min)}–{Format(Max)}{(Integer ? " (whole)" : "")}";
}
