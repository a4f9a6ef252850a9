namespace RobustLab.Web.Services.Experiments;

/// <summary>Where an experiment's run stands. A run that the server's stop cut short is <see cref="Interrupted"/>, never lost.</summary>
public static class ExperimentStatus
{
    public const string Running = "running", Completed = "completed", Cancelled = "cancelled", Failed = "failed", Interrupted = "interrupted";

    public static IReadOnlyList<string> All { get; } = [Running, Completed, Cancelled, Failed, Interrupted];

    /// <summary>The message of a run found still "running" when the server started again.</summary>
    public const string InterruptedMessage = "the server stopped while it ran";
}
