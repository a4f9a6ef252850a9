namespace RobustLab.Web.Services.Jobs;

/// <summary>Where a job is in its life: waiting, running, or ended one of three ways.</summary>
public enum JobState { Queued, Running, Completed, Failed, Cancelled }
