using System.Globalization;

namespace RobustLab.Web.Services.Sharing;

/// <summary>One setting of a page as a link parameter: its name, its value as text, and how a link's text is checked and applied.</summary>
/// <param name="Name">The parameter name (short and readable: "eps", "kappa").</param>
/// <param name="Get">The setting's value as the link writes it (invariant culture; exact for numbers).</param>
/// <param name="Set">Checks a link's text and applies it; returns null when it was used, else why not (and changes nothing).</param>
/// <param name="MaxLength">Longer text is refused before it is parsed.</param>
public sealed record LinkField<TState, TContext>(string Name, Func<TState, string> Get, Func<TState, string, TContext, string?> Set, int MaxLength = 40);

/// <summary>Parsing and formatting shared by the page codecs: the same text for the same value, on every machine.</summary>
public static class LinkText
{
    public const string True = "1", False = "0";

    public static string Bool(bool value) => value ? True : False;

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"1"/"true" or "0"/"false".</summary>
    public static string? ParseBool(string text, Action<bool> set)
    {
        switch (text)
        {
            case True or "true": set(true); return null;
            case False or "false": set(false); return null;
            default: return "not 1 or 0";
        }
    }

    /// <summary>A finite number (a dot for decimals) in [min, max].</summary>
    public static string? ParseNumber(string text, double min, double max, Action<double> set, string? unitsNote = null)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return "not a number";
        if (!double.IsFinite(value)) return "not a finite number";
        if (value < min || value > max) return $"out of range ({Format(min)} to {Format(max)}{unitsNote})";
        set(value);
        return null;
    }

    /// <summary>A whole number in [min, max].</summary>
    public static string? ParseInteger(string text, double min, double max, Action<int> set)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)) return "not a number";
            if (!double.IsFinite(real)) return "not a finite number";
            if (real != Math.Floor(real)) return "not a whole number";
            if (real < min || real > max) return $"out of range ({Format(min)} to {Format(max)})";
            return "not a whole number in digits";
        }
        if (value < min || value > max) return $"out of range ({Format(min)} to {Format(max)})";
        set((int)value);
        return null;
    }

    /// <summary>One of <paramref name="names"/> (exact spelling).</summary>
    public static string? ParseChoice<T>(string text, IReadOnlyDictionary<string, T> names, Action<T> set)
    {
        if (!names.TryGetValue(text, out var value)) return $"not one of {string.Join(", ", names.Keys)}";
        set(value);
        return null;
    }

    /// <summary>The name of <paramref name="value"/> in <paramref name="names"/>.</summary>
    public static string NameOf<T>(IReadOnlyDictionary<string, T> names, T value) => names.First(n => EqualityComparer<T>.Default.Equals(n.Value, value)).Key;

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
