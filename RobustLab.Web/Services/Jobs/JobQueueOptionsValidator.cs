using Microsoft.Extensions.Options;

namespace RobustLab.Web.Services.Jobs;

/// <summary>Checks "RobustLab:Jobs" at startup, with a message that names the setting.</summary>
public sealed class JobQueueOptionsValidator : IValidateOptions<JobQueueOptions>
{
    public ValidateOptionsResult Validate(string? name, JobQueueOptions o)
    {
        var errors = new List<string>();
        if (o.Concurrency is > 1024) errors.Add($"{JobQueueOptions.Section}:Concurrency must be at most 1024 (or empty for one per core), got {o.Concurrency}.");
        if (o.MaxQueued is < 0 or > 100_000) errors.Add($"{JobQueueOptions.Section}:MaxQueued must be between 0 and 100,000, got {o.MaxQueued}.");
        if (o.PerUser is < 1 or > 100) errors.Add($"{JobQueueOptions.Section}:PerUser must be between 1 and 100, got {o.PerUser}.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
