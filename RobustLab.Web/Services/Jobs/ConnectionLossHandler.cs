using Microsoft.AspNetCore.Components.Server.Circuits;

namespace RobustLab.Web.Services.Jobs;

/// <summary>
/// Cancels a circuit's queued or running job as soon as its connection to the browser goes down (issue 5: a browser
/// that disconnects mid-sweep stops its job within a second), through the normal job path, so that the points a sweep
/// streamed so far are kept and the job ends as Cancelled with <see cref="ConnectionLost"/>.
/// </summary>
/// <remarks>
/// Without it the job would run on until the circuit is disposed, which for a connection that drops without the page
/// unloading (a killed browser, a lost network) happens only after the disconnected-circuit retention period (minutes):
/// heavy work for nobody, holding a slot of the shared queue. A page that reconnects finds its job cancelled with this
/// message and can start it again. Scoped: one per circuit, beside its <see cref="CircuitJobs"/>.
/// </remarks>
public sealed class ConnectionLossHandler(CircuitJobs jobs, ILogger<ConnectionLossHandler> logger) : CircuitHandler
{
    /// <summary>The message a job ends with when its page's connection is lost.</summary>
    public const string ConnectionLost = "The connection to the page was lost.";

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (jobs.Current is { } job)
        {
            logger.LogInformation("Connection of {User} lost: cancelling job {Id} ({Name}).", jobs.UserId, job.Id, job.Name);
            jobs.Queue.CancelJobsOf(jobs.UserId, ConnectionLost);
        }
        return Task.CompletedTask;
    }
}
