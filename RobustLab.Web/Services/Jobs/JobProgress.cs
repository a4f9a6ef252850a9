namespace RobustLab.Web.Services.Jobs;

/// <summary>What a job reports as it goes: the fraction done (0..1) and an optional line of text.</summary>
public sealed record JobProgress(double Fraction, string? Message = null);
