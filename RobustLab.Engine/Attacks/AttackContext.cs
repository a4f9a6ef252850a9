namespace RobustLab.Engine.Attacks;

/// <summary>What every attack run gets besides the model and the batch: targets, a seed, cancellation and progress.</summary>
/// <param name="Targets">Target class per example for targeted attacks (null: untargeted).</param>
/// <param name="Seed">Seeds every random choice (random start, random target, noise), so a run repeats exactly.</param>
/// <param name="Progress">Fraction of the attack done, in [0,1].</param>
public sealed record AttackContext(
    int[]? Targets = null,
    int Seed = 0,
    CancellationToken Cancellation = default,
    IProgress<double>? Progress = null)
{
    public static AttackContext Default { get; } = new();
}
