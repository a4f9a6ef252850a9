namespace RobustLab.Web.Services.Experiments;

/// <summary>An experiment's columns as they are written (JSON already serialized): what a recording or an import inserts.</summary>
internal sealed record ExperimentRecord(
    string Kind,
    string Name,
    string Note,
    string Status,
    string? StatusMessage,
    DateTimeOffset Created,
    DateTimeOffset? Started,
    DateTimeOffset? Ended,
    IReadOnlyList<ExperimentModel> Models,
    string Attack,
    string Defense,
    string Knob,
    int? Seed,
    int? Examples,
    string Description,
    string SoftwareVersion,
    DateTimeOffset? Imported,
    string ConfigJson,
    string? ResultJson);
