using RobustLab.Engine.Classifiers;

namespace RobustLab.Engine.Defenses;

/// <summary>A classifier that wraps another (smoothing, input scaling, EOT): lets attacks such as BPDA reach the network inside.</summary>
public interface IClassifierWrapper
{
    /// <summary>The wrapped classifier.</summary>
    IClassifier Inner { get; }
}
