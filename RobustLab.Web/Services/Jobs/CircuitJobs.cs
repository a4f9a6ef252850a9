namespace RobustLab.Web.Services.Jobs;

/// <summary>
/// One user's door to the <see cref="JobQueue"/>. A user is a circuit (one browser tab): this scoped service
/// gives the circuit a fresh <see cref="UserId"/>, and when the circuit goes away (the tab is closed, or it
/// stays disconnected past the server's retention period) the container disposes it, which cancels the job.
/// </summary>
/// <remarks>
/// A circuit id rather than a cookie: nothing to store in the browser, and a job never outlives the page
/// that can show it. Two tabs are two users, each with its own job.
/// </remarks>
public sealed class CircuitJobs(JobQueue queue) : IDisposable
{
    /// <summary>The message a job ends with when its circuit goes away.</summary>
    public const string CircuitClosed = "The page was closed.";

    public string UserId { get; } = $"circuit-{Guid.NewGuid():N}";

    public JobQueue Queue { get; } = queue;

    /// <summary>This user's job that is queued or running, if any.</summary>
    public JobHandle? Current => Queue.ActiveJobOf(UserId);

    /// <inheritdoc cref="JobQueue.Enqueue"/>
    public JobHandle Enqueue(string name, Func<CancellationToken, IProgress<JobProgress>, Task> work) => Queue.Enqueue(UserId, name, work);

    public void Dispose() => Queue.CancelJobsOf(UserId, CircuitClosed);
}
