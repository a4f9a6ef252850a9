namespace RobustLab.Web.Services;

/// <summary>A snapshot of the start page's subject: the default model, the MNIST test set and the model's test accuracy.</summary>
public sealed record DefaultModelState(ResourceState Model, ModelSummary? Summary, ResourceState TestSet, AccuracyState Accuracy)
{
    public bool CanEvaluate => Model.IsReady && TestSet.IsReady;

    /// <summary>True while loading or evaluating is still under way.</summary>
    public bool Busy => Model.Status == ResourceStatus.Pending || TestSet.Status == ResourceStatus.Pending
        || Accuracy.Phase is AccuracyPhase.Waiting or AccuracyPhase.Computing;
}
