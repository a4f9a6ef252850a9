namespace RobustLab.Web.Services.Jobs;

/// <summary>The "RobustLab:Jobs" section of appsettings.json: how much heavy work runs at once, how much may wait, and how much one user may ask for.</summary>
public sealed class JobQueueOptions
{
    public const string Section = "RobustLab:Jobs";

    /// <summary>Jobs running at the same time; null or ≤ 0: one per core (<see cref="Environment.ProcessorCount"/>).</summary>
    public int? Concurrency { get; set; }

    /// <summary>Jobs that may wait for a free slot; past that a new job is rejected with "busy, try again".</summary>
    public int MaxQueued { get; set; } = 16;

    /// <summary>Jobs one user (one circuit) may have queued or running at once; past that a new one is refused.</summary>
    public int PerUser { get; set; } = 1;

    /// <summary><see cref="Concurrency"/> with its default applied.</summary>
    public int EffectiveConcurrency => Concurrency is > 0 and var c ? c : Environment.ProcessorCount;
}
