using RobustLab.Engine.Sweeps;

namespace RobustLab.Engine.Classifiers;

/// <summary>
/// Where a model's forward and backward passes run when not on the engine's own kernels (RobustLab.Torch: libtorch).
/// A <see cref="ModelSpec"/> without one runs on the engine; with one, the backend builds the base classifier and the
/// spec's test-time defenses (input scaling, smoothing) wrap it as usual, so every attack and sweep runs unchanged.
/// </summary>
/// <remarks>The engine knows this interface only; it has no reference to any backend's library.</remarks>
public interface IModelBackend
{
    /// <summary>"torch".</summary>
    string Name { get; }

    /// <summary>"cpu", "cuda".</summary>
    string Device { get; }

    /// <summary>The spec's model's input shape [C,H,W].</summary>
    int[] InputShape(ModelSpec spec);

    /// <summary>The spec's model's number of classes.</summary>
    int Classes(ModelSpec spec);

    /// <summary>Throws <see cref="ArgumentException"/> when the spec cannot run on this backend (saying why).</summary>
    void Validate(ModelSpec spec);

    /// <summary>A fresh classifier for the spec's model with its activation retrofitted, without the wrapper defenses.</summary>
    IClassifier CreateClassifier(ModelSpec spec);
}
