using RobustLab.Engine.Attacks;
using RobustLab.Engine.Data;
using RobustLab.Engine.Models;

namespace RobustLab.Engine.Sweeps;

/// <summary>Everything one point of a sweep needs: the defended model, the attack, where it is crafted, and the data.</summary>
/// <param name="Model">The defended (target) model the measurements are taken on.</param>
/// <param name="Data">The examples, already cut to the subset to use.</param>
/// <param name="Attack">An <see cref="AttackCatalog"/> name; null measures clean accuracy only.</param>
/// <param name="Settings">The attack's settings (null: <see cref="AttackSettings"/>' defaults).</param>
/// <param name="Target">How targeted attacks pick targets (required for them, ignored by untargeted ones).</param>
/// <param name="Source">Where the attack is crafted: null for white-box (on <paramref name="Model"/> itself); otherwise a
/// transfer / gray-box attack whose adversarial examples are crafted on this model and evaluated on <paramref name="Model"/>
/// (JumpReLU §4.1.1: the source is the ReLU network).</param>
/// <param name="Seed">Seeds the attack (batch b of the data uses seed + b) and random targets.</param>
/// <param name="BatchSize">Examples per attack batch.</param>
public sealed record SweepSetup(
    ModelSpec Model,
    Dataset Data,
    string? Attack = null,
    AttackSettings? Settings = null,
    TargetChoice? Target = null,
    ModelSpec? Source = null,
    int Seed = 0,
    int BatchSize = 256)
{
    public AttackSettings AttackSettings => Settings ?? new AttackSettings();

    /// <summary>The model the attack is crafted on.</summary>
    public ModelSpec Attacker => Source ?? Model;

    /// <summary>The attack this setup describes (null when there is none).</summary>
    public Attack? CreateAttack() => Attack is null ? null : AttackCatalog.Create(Attack, AttackSettings);

    /// <summary>Throws <see cref="ArgumentException"/> (or <see cref="FormatException"/>) naming the first invalid setting.</summary>
    public SweepSetup Validate()
    {
        Model.Validate();
        Source?.Validate();
        if (BatchSize < 1) throw new ArgumentException($"The batch size must be ≥ 1, got {BatchSize}.");
        if (Source is not null && !Source.InputShape.AsSpan().SequenceEqual(Model.InputShape))
            throw new ArgumentException($"The source model ({Source.Architecture}) and the target model ({Model.Architecture}) take different inputs.");
        var attack = CreateAttack();
        if (attack is { Targeted: true } && Target is null)
            throw new ArgumentException($"{attack.Name} is a targeted attack: choose a target (a class, ll or random).");
        if (Target?.Class is { } c && c >= Model.Classes)
            throw new ArgumentException($"Target class {c} is outside 0..{Model.Classes - 1}.");
        if (attack is { Targeted: false } && Target is not null)
            throw new ArgumentException($"{attack.Name} is not a targeted attack: it takes no target.");
        if (attack is null && Source is not null)
            throw new ArgumentException("A source model only matters with an attack.");
        return this;
    }

    /// <summary>"pgd L∞ ε=0.3 steps=40 α=0.075 random-start" (null without an attack).</summary>
    public string? AttackLabel => DescribeAttack(withEpsilon: true, withSteps: true);

    /// <summary>The attack label, leaving out ε or the steps (a series over that knob names it once, not with one value).</summary>
    public string? DescribeAttack(bool withEpsilon, bool withSteps)
    {
        if (Attack is null) return null;
        var s = AttackSettings;
        string norm = s.Norm == LpNorm.L2 ? "L2" : "L∞";
        var parts = new List<string> { Attack, !withEpsilon ? norm : float.IsPositiveInfinity(s.Epsilon) ? $"{norm} ε=∞" : s.Threat.ToString() };
        if (withSteps && s.Steps is { } k) parts.Add($"steps={k}");
        if (s.StepSize is { } α) parts.Add($"α={α:G4}");
        if (s.RandomStart) parts.Add("random-start");
        if (Target is not null) parts.Add($"target={Target}");
        return string.Join(" ", parts);
    }
}
