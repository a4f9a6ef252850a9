namespace RobustLab.Web.Services;

public enum ResourceStatus { Pending, Ready, Missing, Failed }

/// <summary>Something a page needs (a model file, a data set): whether it is there, what it is, and how to get it when it is not.</summary>
public sealed record ResourceState(ResourceStatus Status, string Description, string? Fix = null)
{
    public bool IsReady => Status == ResourceStatus.Ready;
}
