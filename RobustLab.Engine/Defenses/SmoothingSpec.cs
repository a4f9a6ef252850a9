using RobustLab.Engine.Classifiers;

namespace RobustLab.Engine.Defenses;

/// <summary>Randomized smoothing (Nemcovsky et al. §3): σ, n samples, vote.</summary>
public sealed record SmoothingSpec(float Sigma, int Samples, SmoothingVote Vote) : DefenseSpec
{
    public override string Text => $"{Number(Sigma)}:{Samples}:{Vote.ToString().ToLowerInvariant()}";

    public override IClassifier Wrap(IClassifier model, int seed = 0) => new RandomizedSmoothing(model, Sigma, Samples, Vote, seed);
}
