using System.Globalization;
using System.Text;
using System.Text.Json;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Web.Services.Experiments;

/// <summary>An experiment as a file: the JSON document of <see cref="ExperimentDocument"/>, or its points as CSV.</summary>
public static class ExperimentExport
{
    public static ExperimentDocument ToDocument(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var s = experiment.Summary;
        object configuration = (object?)experiment.Sweep ?? (object?)experiment.Training ?? experiment.Lab!;
        object? result = (object?)experiment.TrainingResult ?? experiment.LabResult;
        return new ExperimentDocument(ExperimentDocument.FormatName, ExperimentDocument.CurrentVersion, s.Id, s.Kind, s.Name, s.Note, s.Status,
            s.StatusMessage, new ExperimentTiming(s.Created, s.Started, s.Ended, s.Duration?.TotalSeconds, s.Imported), s.SoftwareVersion, s.Description,
            experiment.Models, JsonSerializer.SerializeToElement(configuration, configuration.GetType(), ExperimentJson.Options),
            result is null ? null : JsonSerializer.SerializeToElement(result, result.GetType(), ExperimentJson.Options),
            [.. experiment.Points.Select(p => new ExperimentDocumentPoint(p.Series, JsonDocument.Parse(p.Json).RootElement.Clone()))]);
    }

    public static string ToJson(Experiment experiment) => JsonSerializer.Serialize(ToDocument(experiment), ExperimentJson.Indented);

    /// <summary>Every point as CSV (RFC 4180, CRLF): a sweep's in the Trade-offs page's columns (<see cref="SweepExport"/>);
    /// otherwise "series" then each measurement, arrays spread over numbered columns (clean_probabilities_0 … _9).</summary>
    public static string ToCsv(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        if (experiment.Kind == ExperimentKind.Sweep) return SweepExport.ToCsv(experiment.SweepPoints);
        var rows = experiment.Points.Select(p => (p.Series, Fields: Flatten(JsonDocument.Parse(p.Json).RootElement))).ToList();
        var columns = new List<string> { "series" };
        var known = new HashSet<string>(columns, StringComparer.Ordinal);
        foreach (var (_, fields) in rows)
            foreach (var key in fields.Keys)
                if (known.Add(key)) columns.Add(key);
        var csv = new StringBuilder();
        csv.Append(string.Join(",", columns)).Append("\r\n");
        foreach (var (series, fields) in rows)
            csv.Append(string.Join(",", columns.Select(c => c == "series" ? Text(series) : fields.GetValueOrDefault(c, "")))).Append("\r\n");
        return csv.ToString();
    }

    /// <summary>A download name: "robustlab-experiment-12-sweep.json".</summary>
    public static string FileName(ExperimentSummary summary, string extension) =>
        $"robustlab-experiment-{summary.Id.ToString(CultureInfo.InvariantCulture)}-{summary.Kind}.{extension}";

    private static Dictionary<string, string> Flatten(JsonElement point)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string key, JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in value.EnumerateObject()) Add($"{key}_{p.Name}", p.Value);
                    break;
                case JsonValueKind.Array:
                    int i = 0;
                    foreach (var item in value.EnumerateArray()) Add($"{key}_{i++}", item);
                    break;
                case JsonValueKind.String:
                    fields[key] = Text(value.GetString());
                    break;
                case JsonValueKind.Null:
                    fields[key] = "";
                    break;
                default:
                    fields[key] = value.GetRawText(); // numbers as written (shortest round trip), true/false
                    break;
            }
        }
        foreach (var p in point.EnumerateObject()) Add(p.Name, p.Value);
        return fields;
    }

    private static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        // NOTE: a spreadsheet runs a cell that starts with = + - @ as a formula (CSV formula injection): such text gets an apostrophe.
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
