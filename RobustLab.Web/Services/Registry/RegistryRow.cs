// One row of the registry's models table, read defensively: a row whose values were damaged (by hand, by a disk
// fault, by another program) becomes a row with a Problem naming the model and the bad value, so that every other
// model still lists and loads, and this one is refused with a clear message.
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using RobustLab.Engine.Models;

namespace RobustLab.Web.Services.Registry;

/// <summary>A registered model's row.</summary>
/// <param name="Problem">Null for a sound row; else what is wrong with it, in words a page can show.</param>
internal sealed record RegistryRow(string Name, string File, string Architecture, ModelSource Source, string Sha256,
    long SizeBytes, DateTimeOffset Created, string MetadataJson, string? Problem = null)
{
    /// <summary>Whether <paramref name="file"/> is a plain file name of the registry folder (never a path out of it).</summary>
    public static bool IsPlainFileName(string file) =>
        file.Length is > 0 and <= 255 && file == Path.GetFileName(file) && !file.StartsWith('.') && !file.Contains('\\')
        && (file.EndsWith(".safetensors", StringComparison.Ordinal) || file.EndsWith(".pt", StringComparison.Ordinal));

    /// <summary>The row at the reader's position, columns in the order name, file, architecture, source, sha256, size_bytes, created_utc, metadata_json.</summary>
    public static RegistryRow Read(SqliteDataReader reader)
    {
        var problems = new List<string>();
        string Text(int i, string column)
        {
            var value = reader.IsDBNull(i) ? null : reader.GetValue(i) as string;
            if (value is null) problems.Add($"{column} is not text");
            return value ?? "";
        }
        var name = Text(0, "name");
        var file = Text(1, "file");
        var architecture = Text(2, "architecture");
        var sourceText = Text(3, "source");
        var sha256 = Text(4, "sha256");
        var createdText = Text(6, "created_utc");
        var metadata = Text(7, "metadata_json");

        if (ModelName.Validate(name) is not null) problems.Add($"the name '{Shorten(name)}' is not a valid model name");
        if (!IsPlainFileName(file)) problems.Add($"the file name '{Shorten(file)}' is not a model file of the registry folder");
        bool torchScript = architecture == TorchScriptModels.Architecture;
        if (!ModelZoo.Names.Contains(architecture) && !torchScript) problems.Add($"the architecture '{Shorten(architecture)}' is unknown");
        else if (IsPlainFileName(file) && file.EndsWith(".pt", StringComparison.Ordinal) != torchScript)
            problems.Add($"the file name '{Shorten(file)}' does not fit the architecture '{Shorten(architecture)}'");
        var source = sourceText switch { nameof(ModelSource.Trained) => ModelSource.Trained, nameof(ModelSource.Imported) => ModelSource.Imported, _ => (ModelSource?)null };
        if (source is null) problems.Add($"the source '{Shorten(sourceText)}' is neither Trained nor Imported");
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower)) problems.Add($"the SHA-256 '{Shorten(sha256)}' is not 64 lower-case hex digits");
        long size = reader.IsDBNull(5) ? -1 : reader.GetValue(5) is long l ? l : -1;
        if (size < 0) problems.Add("the size is not a whole number of bytes");
        if (!DateTimeOffset.TryParse(createdText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created))
            problems.Add($"the date '{Shorten(createdText)}' is not a date");
        try
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, string>>(metadata);
            if (values is null) problems.Add("the metadata is null");
            else if (torchScript && !(values.TryGetValue(ModelRegistry.InputShapeKey, out var shape) && IsShape(shape)))
                problems.Add("the metadata has no input shape C,H,W");
        }
        catch (JsonException)
        {
            problems.Add("the metadata is not a JSON object of strings");
        }
        return new RegistryRow(name, file, architecture, source ?? ModelSource.Imported, sha256, Math.Max(size, 0), created, metadata,
            problems.Count == 0 ? null : $"The registry entry of '{Shorten(name)}' is damaged: {string.Join("; ", problems)}. Delete it and import the model again.");
    }

    private static bool IsShape(string text) =>
        text.Split(',') is { Length: 3 } dims && dims.All(d => int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v is > 0 and <= 4096);

    // A damaged value may be long or hold control characters: show a short, printable prefix.
    private static string Shorten(string text)
    {
        var clean = new string(text.Where(c => !char.IsControl(c)).Take(41).ToArray());
        return clean.Length > 40 ? clean[..40] + "…" : clean;
    }
}
