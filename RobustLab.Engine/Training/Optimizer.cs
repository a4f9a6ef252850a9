using RobustLab.Engine.Layers;

namespace RobustLab.Engine.Training;

/// <summary>Updates parameters from their accumulated gradients. The learning rate can be changed between steps (schedules).</summary>
public abstract class Optimizer(IReadOnlyList<Parameter> parameters, float learningRate)
{
    public IReadOnlyList<Parameter> Parameters { get; } = parameters;
    public float LearningRate { get; set; } = learningRate > 0 && float.IsFinite(learningRate)
        ? learningRate : throw new ArgumentOutOfRangeException(nameof(learningRate), $"Learning rate must be > 0, got {learningRate}.");

    public abstract void Step();

    public void ZeroGrad()
    {
        foreach (var p in Parameters) p.ZeroGrad();
    }
}
