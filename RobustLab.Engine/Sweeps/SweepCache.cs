using RobustLab.Engine.Attacks;

namespace RobustLab.Engine.Sweeps;

/// <summary>Work a sweep reuses between points: each model's clean predictions, and the last set of crafted transfer examples.</summary>
/// <remarks>
/// Clean predictions are keyed by the model spec (all points share the data), so a knob that leaves the model alone
/// (ε, iterations) predicts the clean data once. Crafted examples are keyed by everything that shapes them (source model,
/// attack, settings, targets, seed); only the latest set is kept, which is all a 1-D gray-box sweep or one row of a
/// transfer matrix needs.
/// </remarks>
internal sealed class SweepCache
{
    private readonly Dictionary<ModelSpec, int[]> _clean = [];
    private (CraftKey Key, AttackResult Value)? _crafted;

    public int[]? CleanPredictions(ModelSpec model) => _clean.GetValueOrDefault(model);

    public void StoreCleanPredictions(ModelSpec model, int[] predictions) => _clean[model] = predictions;

    /// <summary>The attack on the source model (its adversarial examples, targets and source-side measurements), if cached.</summary>
    public AttackResult? CraftedFor(CraftKey key) => _crafted is { } c && c.Key == key ? c.Value : null;

    public void StoreCrafted(CraftKey key, AttackResult value) => _crafted = (key, value);
}

/// <summary>What determines a set of transfer examples.</summary>
internal sealed record CraftKey(ModelSpec Source, string Attack, AttackSettings Settings, TargetChoice? Target, int Seed, int BatchSize);
