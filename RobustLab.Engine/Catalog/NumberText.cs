using System.Globalization;

namespace RobustLab.Engine.Catalog;

/// <summary>What a number box makes of the text typed into it: the value to use, or why the text is not a number,
/// and whether the value was changed to fit the knob ("set to 1, the maximum").</summary>
/// <param name="Value">The value to use, or null when the text was rejected (the box then keeps its old value).</param>
/// <param name="Message">Null when the text was used as typed; else the rejection or the adjustment, for beside the box.</param>
public sealed record NumberReading(double? Value, string? Message)
{
    public bool Rejected => Value is null;
}

/// <summary>Reads number text the way a person types it: the browser locale's decimal separator or '.', an exponent ("2e-1"),
/// no other characters. Never strips characters: text that is not a number is rejected with a message, and a value outside
/// the knob's range or precision is adjusted and says so.</summary>
/// <remarks>NOTE: group separators are rejected, not skipped: "1,000" in an English locale would otherwise be 1 or 1000
/// depending on the reader; in a German locale "0,2" is 0.2.</remarks>
public static class NumberText
{
    /// <summary>Parses <paramref name="text"/> for <paramref name="knob"/> in <paramref name="culture"/> (the invariant culture when null).</summary>
    public static NumberReading Read(string? text, Knob knob, CultureInfo? culture = null)
    {
        if (Parse(text, culture) is not { } value)
            return new(null, string.IsNullOrWhiteSpace(text)
                ? $"Type a number for {knob.Symbol}."
                : $"'{Shown(text)}' is not a number{(knob.Integer ? "" : $" (use {Separators(culture)} for decimals)")}; {knob.Symbol} is unchanged.");
        if (knob.Integer && value != Math.Floor(value) && value >= knob.SliderMin && value <= knob.Max)
            return new(null, $"{knob.Symbol} takes whole numbers, got {Shown(text!)}; {knob.Symbol} is unchanged.");
        double used = knob.Clamp(value, knob.Default);
        if (used == value) return new(used, null);
        string how = value > knob.Max ? "the maximum" : value < knob.SliderMin ? "the minimum" : $"rounded to {knob.Decimals} decimal{(knob.Decimals == 1 ? "" : "s")}";
        return new(used, $"{knob.Symbol} set to {knob.Format(used)}, {how}.");
    }

    /// <summary>The number in <paramref name="text"/>, or null when it is not one (empty, letters, group separators, two separators, ∞, NaN).</summary>
    public static double? Parse(string? text, CultureInfo? culture = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        string s = text.Trim().Replace('\u2212', '-'); // the minus sign U+2212 as typed from some keyboards
        string local = (culture ?? CultureInfo.InvariantCulture).NumberFormat.NumberDecimalSeparator;
        if (local != "." && s.Contains(local, StringComparison.Ordinal))
        {
            if (s.Contains('.')) return null; // both separators: ambiguous
            s = s.Replace(local, ".", StringComparison.Ordinal);
        }
        else if (s.IndexOf(',') is int comma and >= 0 && comma == s.LastIndexOf(',') && !s.Contains('.') && DigitsAfter(s, comma) != 3)
        {
            // A decimal comma typed in a locale whose separator is '.' (the server may not know the browser's locale): "0,2" is 0.2.
            // NOTE: "1,000" stays rejected: a thousands separator or a decimal comma, it cannot be told which.
            s = s.Replace(',', '.');
        }
        foreach (char c in s)
            if (!(char.IsAsciiDigit(c) || c is '.' or '-' or '+' or 'e' or 'E')) return null;
        return double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
    }

    private static int DigitsAfter(string s, int index)
    {
        int n = 0;
        for (int i = index + 1; i < s.Length && char.IsAsciiDigit(s[i]); i++) n++;
        return n;
    }

    private static string Separators(CultureInfo? culture)
    {
        string local = (culture ?? CultureInfo.InvariantCulture).NumberFormat.NumberDecimalSeparator;
        return local == "." ? "'.' or ','" : $"'{local}' or '.'";
    }

    private static string Shown(string text) => text.Length <= 20 ? text.Trim() : text.Trim()[..20] + "…";
}
