using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RobustLab.Engine.Sweeps;

namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>The plotted points as CSV and JSON, with the field names of <c>robustlab sweep</c>'s JSON lines.</summary>
/// <remarks>
/// CSV (RFC 4180): a header row, one row per point, CRLF line ends, invariant culture, numbers in shortest round-trip form,
/// an empty field where a measurement is null; a field with a comma, a quote or a line break is quoted, quotes doubled.
/// JSON: an array of point objects, snake_case, nulls written, ε and ∞ unescaped.
/// </remarks>
public static class SweepExport
{
    /// <summary>The CSV header, in the order of <see cref="SweepPoint"/>'s fields.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "series", "knob", "index", "value", "source_value", "examples", "clean_accuracy", "adversarial_accuracy", "attack_success_rate",
        "fooling_rate", "rho_l2", "rho_linf", "mean_l2", "mean_linf", "transfer_rate", "seconds", "model", "source", "attack",
    ];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NewLine = "\n", // the same file on every platform
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToCsv(IEnumerable<SweepPoint> points)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(",", Columns)).Append("\r\n");
        foreach (var p in points)
        {
            string?[] fields =
            [
                Text(p.Series), Text(p.Knob), Number(p.Index), Number(p.Value), Number(p.SourceValue), Number(p.Examples),
                Number(p.CleanAccuracy), Number(p.AdversarialAccuracy), Number(p.AttackSuccessRate), Number(p.FoolingRate),
                Number(p.RhoL2), Number(p.RhoLinf), Number(p.MeanL2), Number(p.MeanLinf), Number(p.TransferRate), Number(p.Seconds),
                Text(p.Model), Text(p.Source), Text(p.Attack),
            ];
            csv.Append(string.Join(",", fields)).Append("\r\n");
        }
        return csv.ToString();
    }

    public static string ToJson(IEnumerable<SweepPoint> points) => JsonSerializer.Serialize(points.ToArray(), Json);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Number(float? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Text(string? value)
    {
        if (value is null) return "";
        // NOTE: a spreadsheet runs a cell that starts with = + - @ as a formula; series names are typed by users, so such
        // a text gets a leading apostrophe (the usual guard against CSV formula injection).
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
