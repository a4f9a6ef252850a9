using System.Globalization;

namespace RobustLab.Web.Services.Lab;

/// <summary>A numeric control: its range, the slider's step, and how precisely a typed value is kept.</summary>
/// <remarks>
/// The server never trusts a value from the browser: <see cref="Clamp"/> maps anything (NaN, ±∞, out of range,
/// too many decimals) to the value that will be used, and the page shows that value back.
/// </remarks>
/// <param name="Label">What the control is called on the page ("ε", "κ", ...).</param>
/// <param name="Step">The slider's step (arrow keys); Page Up/Down move by a tenth of the range, Home/End to the ends.</param>
/// <param name="Decimals">Digits kept after the decimal point (0 for whole numbers).</param>
public sealed record NumberKnob(string Label, double Min, double Max, double Step, int Decimals, string? Unit = null)
{
    /// <summary>The nearest allowed value: clamped to [Min, Max], rounded to <see cref="Decimals"/>; NaN keeps <paramref name="fallback"/>.</summary>
    public double Clamp(double value, double fallback)
    {
        if (double.IsNaN(value)) value = fallback;
        return Math.Clamp(Math.Round(Math.Clamp(value, Min, Max), Decimals, MidpointRounding.AwayFromZero), Min, Max);
    }

    /// <summary>The value as the page prints it (invariant culture, at most <see cref="Decimals"/> decimals).</summary>
    public string Format(double value) => value.ToString("0." + new string('#', Math.Max(Decimals, 0)), CultureInfo.InvariantCulture);
}
