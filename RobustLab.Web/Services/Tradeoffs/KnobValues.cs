using System.Globalization;

namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>The values of a knob as the page takes them: start:stop:step with stop included, or a list "0, 0.5, 1".</summary>
/// <remarks>The same rules as <c>robustlab sweep --range / --values</c>: a range's values are start + i·step rounded to 12
/// significant digits (so 0.1 steps give 0.3, not 0.30000000000000004), and stop is included when a step lands on it.</remarks>
public static class KnobValues
{
    private static readonly char[] Separators = [',', ';', ' ', '\t', '\n', '\r'];

    /// <summary>start, start + step, … ≤ stop; an error (and no values) when the range is empty, endless or longer than <paramref name="max"/>.</summary>
    public static (IReadOnlyList<double> Values, string? Error) Range(double start, double stop, double step, int max)
    {
        if (!double.IsFinite(start) || !double.IsFinite(stop) || !double.IsFinite(step)) return ([], "start, stop and step must be numbers");
        if (step <= 0) return ([], $"the step must be > 0, got {Format(step)}");
        if (stop < start) return ([], $"stop ({Format(stop)}) is below start ({Format(start)})");
        double count = Math.Floor((stop - start) / step + 1e-9) + 1;
        if (count > max) return ([], $"{Format(start)} to {Format(stop)} in steps of {Format(step)} gives {count:0} values; at most {max}");
        return (Enumerable.Range(0, (int)count).Select(i => Round(start + i * step)).ToArray(), null);
    }

    /// <summary>Numbers separated by commas, semicolons or spaces; an error when one is not a number, or there are none or too many.</summary>
    public static (IReadOnlyList<double> Values, string? Error) Parse(string? text, int max)
    {
        var parts = Names(text);
        if (parts.Count == 0) return ([], "give at least one value");
        if (parts.Count > max) return ([], $"{parts.Count} values; at most {max}");
        var values = new double[parts.Count];
        for (int i = 0; i < parts.Count; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                return ([], $"'{parts[i]}' is not a number (use a dot for decimals)");
        }
        return (values, null);
    }

    /// <summary>The non-empty items of a list separated by commas, semicolons or spaces.</summary>
    public static IReadOnlyList<string> Names(string? text) =>
        (text ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>"0, 0.5, 1".</summary>
    public static string Join(IEnumerable<double> values) => string.Join(", ", values.Select(Format));

    public static string Format(double value) => value.ToString("G12", CultureInfo.InvariantCulture);

    private static double Round(double value) => double.Parse(Format(value), CultureInfo.InvariantCulture);
}
