namespace RobustLab.Web.Services;

public enum AccuracyPhase { Waiting, Computing, Done, Unavailable }

/// <summary>What an accuracy display shows: waiting (with why), computing (with progress), the result, or why there is none.</summary>
public sealed record AccuracyState(AccuracyPhase Phase, string? Message = null, EvaluationProgress? Progress = null, AccuracyResult? Result = null)
{
    public static AccuracyState Waiting(string message) => new(AccuracyPhase.Waiting, message);
    public static AccuracyState Computing(EvaluationProgress progress) => new(AccuracyPhase.Computing, Progress: progress);
    public static AccuracyState Done(AccuracyResult result) => new(AccuracyPhase.Done, Result: result);
    public static AccuracyState Unavailable(string message) => new(AccuracyPhase.Unavailable, message);
}
