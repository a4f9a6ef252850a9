using System.Globalization;
using System.Text.Json;
using RobustLab.Engine.Sweeps;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Tradeoffs;
using RobustLab.Web.Services.Training;

namespace RobustLab.Web.Services.Experiments;

/// <summary>
/// Checks an exported experiment file completely before anything is stored: JSON, format and version, every member's type
/// and presence, the configuration (the page's own validation), the result and every point (streams of the kind, finite
/// numbers, fractions in [0, 1], PNG data URLs). The first defect found is the message.
/// </summary>
internal static partial class ExperimentImport
{
    private const int MaxPoints = 1_000_000, MaxModels = 64, MaxImageChars = 2_000_000, MaxTextLength = 100_000;

    public static (ExperimentRecord Record, List<(string Series, string Json)> Points) Parse(ReadOnlyMemory<byte> utf8, DateTimeOffset now)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = ExperimentJson.MaxDepth });
        }
        catch (JsonException e)
        {
            throw Refuse($"The file is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Refuse($"The file is JSON but not an experiment: expected an object, found {Kind(root)}.");
            if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != ExperimentDocument.FormatName)
                throw Refuse($"The file is not a RobustLab experiment: \"format\" must be \"{ExperimentDocument.FormatName}\".");
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out int v))
                throw Refuse("The file has no valid \"version\" (a whole number).");
            if (v != ExperimentDocument.CurrentVersion)
                throw Refuse($"The file is experiment format version {v}; this RobustLab reads version {ExperimentDocument.CurrentVersion}.");
            CheckNumbers(root, "$");
            var doc = Deserialize<ExperimentDocument>(root, "$");
            return Check(doc, now);
        }
    }

    private static (ExperimentRecord, List<(string, string)>) Check(ExperimentDocument doc, DateTimeOffset now)
    {
        if (!ExperimentKind.All.Contains(doc.Kind)) throw Refuse($"$.kind: must be one of {string.Join(", ", ExperimentKind.All)}; got \"{doc.Kind}\".");
        if (!ExperimentStatus.All.Contains(doc.Status)) throw Refuse($"$.status: must be one of {string.Join(", ", ExperimentStatus.All)}; got \"{doc.Status}\".");
        Length(doc.Name, ExperimentStore.MaxNameLength, "$.name");
        Length(doc.Note, ExperimentStore.MaxNoteLength, "$.note");
        Length(doc.StatusMessage ?? "", MaxTextLength, "$.status_message");
        Length(doc.SoftwareVersion, 200, "$.software_version");
        Length(doc.Description, MaxTextLength, "$.description");
        var t = doc.Timing;
        // NOTE: a Lab snapshot starts (its computation) a moment before it is created (saved); a day is far more than that.
        if (t.StartedUtc < t.CreatedUtc.AddDays(-1)) throw Refuse("$.timing: started_utc is more than a day before created_utc.");
        if (t.EndedUtc is { } ended && t.StartedUtc is { } started && ended < started) throw Refuse("$.timing: ended_utc is before started_utc.");
        if (doc.Models.Count > MaxModels) throw Refuse($"$.models: at most {MaxModels} models; got {doc.Models.Count}.");
        for (int i = 0; i < doc.Models.Count; i++)
        {
            var m = doc.Models[i];
            if (m is null) throw Refuse($"$.models[{i}]: must be an object with name and sha256.");
            if (ModelName.Validate(m.Name) is { } problem) throw Refuse($"$.models[{i}].name: {problem}");
            if (m.Sha256 is { } hash && (hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower)))
                throw Refuse($"$.models[{i}].sha256: must be 64 lowercase hexadecimal digits or null.");
        }

        var (facts, configJson, resultJson) = doc.Kind switch
        {
            ExperimentKind.Sweep => Sweep(doc),
            ExperimentKind.Training => Training(doc),
            _ => Lab(doc),
        };
        var allowed = ExperimentSeries.Of(doc.Kind);
        if (doc.Points.Count > MaxPoints) throw Refuse($"$.points: at most {MaxPoints:N0} points; got {doc.Points.Count:N0}.");
        var points = new List<(string, string)>(doc.Points.Count);
        for (int i = 0; i < doc.Points.Count; i++)
        {
            string where = $"$.points[{i}]";
            var p = doc.Points[i] ?? throw Refuse($"{where}: must be an object with series and data.");
            if (!allowed.Contains(p.Series)) throw Refuse($"{where}.series: a {doc.Kind} has points of {string.Join(", ", allowed)}; got \"{p.Series}\".");
            object point = p.Series switch
            {
                ExperimentSeries.SweepPoint => CheckPoint(Deserialize<SweepPoint>(p.Data, where + ".data"), where),
                ExperimentSeries.TrainingCurve => CheckPoint(Deserialize<TrainingPoint>(p.Data, where + ".data"), where),
                ExperimentSeries.Epoch => CheckPoint(Deserialize<EpochPoint>(p.Data, where + ".data"), where),
                _ => CheckPoint(Deserialize<LabSnapshotPoint>(p.Data, where + ".data"), where),
            };
            points.Add((p.Series, Serialize(point, where + ".data")));
        }
        string status = doc.Status, message = doc.StatusMessage ?? "";
        if (status == ExperimentStatus.Running)
            (status, message) = (ExperimentStatus.Interrupted, "it was still running when it was exported");
        var record = new ExperimentRecord(doc.Kind, doc.Name.Trim(), doc.Note, status, message.Length == 0 ? null : message, t.CreatedUtc, t.StartedUtc,
            t.EndedUtc ?? (status == doc.Status ? null : now), [.. doc.Models], facts.Attack, facts.Defense, facts.Knob, facts.Seed, facts.Examples,
            facts.Description, doc.SoftwareVersion, now, configJson, resultJson);
        return (record, points);
    }

    private static (ExperimentFacts, string, string?) Sweep(ExperimentDocument doc)
    {
        var settings = Deserialize<TradeoffsState>(doc.Configuration, "$.configuration");
        if (settings.Validate() is { Count: > 0 } errors) throw Refuse($"$.configuration: {errors[0]}");
        if (doc.Result is { ValueKind: not JsonValueKind.Null }) throw Refuse("$.result: a sweep has no result besides its points; expected null.");
        return (ExperimentFacts.Of(settings, Text(doc.Description)), Serialize(settings, "$.configuration"), null);
    }

    private static (ExperimentFacts, string, string?) Training(ExperimentDocument doc)
    {
        var request = Deserialize<TrainingRequest>(doc.Configuration, "$.configuration");
        // NOTE: the model it started from need not exist here; it is checked as if it had the request's architecture.
        if (request.Validate(request.StartFrom is null ? null : request.Architecture) is { Count: > 0 } errors) throw Refuse($"$.configuration: {errors[0]}");
        string? result = null;
        if (doc.Result is { ValueKind: not JsonValueKind.Null } r)
        {
            var metadata = Deserialize<Dictionary<string, string>>(r, "$.result");
            if (metadata.Count > 1000) throw Refuse("$.result: at most 1,000 entries.");
            result = Serialize(metadata, "$.result");
        }
        return (ExperimentFacts.Of(request), Serialize(request, "$.configuration"), result);
    }

    private static object CheckPoint(SweepPoint p, string where)
    {
        if (p.Examples < 0) throw Refuse($"{where}.data.examples: must be ≥ 0.");
        foreach (var (name, value) in new[] { ("clean_accuracy", p.CleanAccuracy), ("adversarial_accuracy", p.AdversarialAccuracy),
                     ("attack_success_rate", p.AttackSuccessRate), ("fooling_rate", p.FoolingRate), ("transfer_rate", p.TransferRate) })
            if (value is { } f && !(f >= 0 && f <= 1)) throw Refuse($"{where}.data.{name}: a fraction in [0, 1]; got {f.ToString(CultureInfo.InvariantCulture)}.");
        if (!(p.Seconds >= 0)) throw Refuse($"{where}.data.seconds: must be ≥ 0.");
        Length(p.Series, MaxTextLength, where + ".data.series");
        return p;
    }

    private static object CheckPoint(TrainingPoint p, string where)
    {
        if (!(p.Epoch >= 0)) throw Refuse($"{where}.data.epoch: must be ≥ 0.");
        if (!(p.Accuracy >= 0 && p.Accuracy <= 1)) throw Refuse($"{where}.data.accuracy: a fraction in [0, 1].");
        return p;
    }

    private static object CheckPoint(EpochPoint p, string where)
    {
        if (p.Epoch < 1) throw Refuse($"{where}.data.epoch: must be ≥ 1.");
        if (!(p.TrainAccuracy >= 0 && p.TrainAccuracy <= 1) || p.TestAccuracy is < 0 or > 1) throw Refuse($"{where}.data: accuracies are fractions in [0, 1].");
        return p;
    }

    private static void Length(string? text, int limit, string where)
    {
        if (text is null) throw Refuse($"{where}: must be a string.");
        if (text.Length > limit) throw Refuse($"{where}: at most {limit:N0} characters; got {text.Length:N0}.");
    }

    private static string? Text(string description) => description.Trim().Length > 0 ? description.Trim() : null;

    // Every number in the document must be a finite double (1e400 is not); named literals (NaN) are not JSON at all.
    private static void CheckNumbers(JsonElement element, string where)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number when !element.TryGetDouble(out double d) || !double.IsFinite(d):
                throw Refuse($"{where}: the number {Short(element.GetRawText())} is out of range.");
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject()) CheckNumbers(p.Value, $"{where}.{p.Name}");
                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (var item in element.EnumerateArray()) CheckNumbers(item, $"{where}[{i++}]");
                break;
        }
    }

    private static T Deserialize<T>(JsonElement element, string where)
    {
        try
        {
            return element.Deserialize<T>(ExperimentJson.Options) ?? throw Refuse($"{where}: must not be null.");
        }
        catch (JsonException e)
        {
            // The serializer's message names the member path relative to the element ("$.timing.created_utc").
            string path = e.Path is { Length: > 1 } p ? where + p[1..] : where;
            throw Refuse($"{path}: {Reason(e)}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException or NotSupportedException)
        {
            throw Refuse($"{where}: {e.Message}");
        }
    }

    private static string Serialize(object value, string where)
    {
        try
        {
            return JsonSerializer.Serialize(value, value.GetType(), ExperimentJson.Options);
        }
        catch (ArgumentException)
        {
            throw Refuse($"{where}: a number is out of range (too large for its field).");
        }
    }

    // The serializer's message without its path suffix (given separately) and, for brevity, its internal type names.
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        int cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static string Kind(JsonElement e) => e.ValueKind.ToString().ToLowerInvariant();

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static ExperimentImportException Refuse(string message) => new($"Import refused: {message}");
}
