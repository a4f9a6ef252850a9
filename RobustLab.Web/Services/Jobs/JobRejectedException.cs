namespace RobustLab.Web.Services.Jobs;

/// <summary>Why <see cref="JobQueue.Enqueue"/> did not take a job.</summary>
public enum JobRejection
{
    /// <summary>The queue is full: busy, try again later.</summary>
    Busy,

    /// <summary>This user already has a job queued or running.</summary>
    UserHasJob,
}

/// <summary>A job was not queued; <see cref="Exception.Message"/> says why in words a page can show.</summary>
public sealed class JobRejectedException(JobRejection reason, string message) : InvalidOperationException(message)
{
    public JobRejection Reason { get; } = reason;
}
