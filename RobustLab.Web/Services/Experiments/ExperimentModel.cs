namespace RobustLab.Web.Services.Experiments;

/// <summary>A model an experiment used, with the SHA-256 of its file when it ran (null when the registry did not know it).</summary>
public sealed record ExperimentModel(string Name, string? Sha256);
