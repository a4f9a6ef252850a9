using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Attacks;

/// <summary>What every attack run gets besides the model and the batch: targets, a seed, cancellation and progress.</summary>
/// <param name="Targets">Target class per example for targeted attacks (null: untargeted).</param>
/// <param name="Seed">Seeds every random choice (random start, random target, noise), so a run repeats exactly.</param>
/// <param name="Progress">Fraction of the attack done, in [0,1].</param>
/// <param name="CleanPredictions">The model's predictions on the clean batch when the caller already has them (a sweep computes
/// them once); <see cref="Attack.Run"/> then reports them instead of spending a forward pass on them.</param>
/// <param name="Iterate">Called by iterative attacks that support it with (t, xᵗ): t = 0 for the start point, then after each
/// iteration t = 1..steps. xᵗ belongs to the attack: read it or copy it, never modify it. A sweep uses it to measure
/// accuracy after t iterations for many t from one run (JumpReLU App. B).</param>
public sealed record AttackContext(
    int[]? Targets = null,
    int Seed = 0,
    CancellationToken Cancellation = default,
    IProgress<double>? Progress = null,
    int[]? CleanPredictions = null,
    Action<int, Tensor>? Iterate = null)
{
    public static AttackContext Default { get; } = new();
}
