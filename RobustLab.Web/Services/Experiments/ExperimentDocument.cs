using System.Text.Json;

namespace RobustLab.Web.Services.Experiments;

/// <summary>
/// The exported file: <c>{"format":"robustlab-experiment","version":1, ...}</c> with the experiment's configuration, results,
/// points, timing and the software version it ran on. Import reads the same shape (every member required; unknown ones refused).
/// </summary>
/// <param name="Id">The id it had where it was exported (an import always gets a new one).</param>
/// <param name="Description">The one-line description (informational: an import derives it again from the configuration).</param>
/// <param name="Configuration">The kind's settings: a Trade-offs state, a training request or Lab settings.</param>
/// <param name="Result">Training: the trained model's metadata; Lab snapshots: the rendered views; null otherwise.</param>
public sealed record ExperimentDocument(
    string Format,
    int Version,
    long Id,
    string Kind,
    string Name,
    string Note,
    string Status,
    string? StatusMessage,
    ExperimentTiming Timing,
    string SoftwareVersion,
    string Description,
    IReadOnlyList<ExperimentModel> Models,
    JsonElement Configuration,
    JsonElement? Result,
    IReadOnlyList<ExperimentDocumentPoint> Points)
{
    public const string FormatName = "robustlab-experiment";
    public const int CurrentVersion = 1;
}

/// <summary>When the experiment was created, ran and ended (UTC); its duration in seconds; when it was imported, if it was.</summary>
public sealed record ExperimentTiming(DateTimeOffset CreatedUtc, DateTimeOffset? StartedUtc, DateTimeOffset? EndedUtc, double? DurationSeconds, DateTimeOffset? ImportedUtc);

/// <summary>One point of the file: its stream (<see cref="ExperimentSeries"/>) and its measurements.</summary>
public sealed record ExperimentDocumentPoint(string Series, JsonElement Data);
