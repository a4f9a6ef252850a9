namespace RobustLab.Web.Services.Jobs;

/// <summary>A job's state with what a page shows about it: its place in the queue, or why it failed.</summary>
/// <param name="Position">While queued: 1 for the next job to start, 2 for the one after, …</param>
/// <param name="Message">Why the job failed or was cancelled.</param>
public sealed record JobStatus(JobState State, int? Position = null, string? Message = null)
{
    public static JobStatus Queued(int position) => new(JobState.Queued, position);
    public static JobStatus Running { get; } = new(JobState.Running);
    public static JobStatus Completed { get; } = new(JobState.Completed);
    public static JobStatus Failed(string message) => new(JobState.Failed, Message: message);
    public static JobStatus Cancelled(string message) => new(JobState.Cancelled, Message: message);

    /// <summary>True once the job has completed, failed or been cancelled.</summary>
    public bool IsFinished => State is JobState.Completed or JobState.Failed or JobState.Cancelled;

    /// <summary>One line for a page: "Queued: next in line", "Queued: 2 jobs ahead", "Running", "Failed: …".</summary>
    public override string ToString() => State switch
    {
        JobState.Queued when Position is null or <= 1 => "Queued: next in line",
        JobState.Queued => $"Queued: {Position - 1} job{(Position == 2 ? "" : "s")} ahead",
        JobState.Failed or JobState.Cancelled => $"{State}: {Message}",
        _ => State.ToString(),
    };
}
