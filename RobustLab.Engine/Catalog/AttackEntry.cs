using System.Globalization;
using RobustLab.Engine.Attacks;

namespace RobustLab.Engine.Catalog;

/// <summary>One attack as every page and the CLI offer it: its name, title, where it comes from, its norms and its knobs.</summary>
/// <param name="Name">The CLI name ("pgd").</param>
/// <param name="Title">Menu text ("PGD: projected gradient descent").</param>
/// <param name="Summary">Two or three sentences for the help panel: what it does.</param>
/// <param name="Source">The paper and section that define it (or that the lab follows).</param>
/// <param name="Norms">The norms it supports; one norm means the method fixes it (fast grad. L2, C&amp;W L2).</param>
/// <param name="Knobs">The settings it reads besides ε and the norm, in display order.</param>
/// <param name="Build">Makes the attack from settings whose unset knobs are left to the attack's defaults.</param>
public sealed record AttackEntry(
    string Name, string Title, string Summary, Citation Source, IReadOnlyList<LpNorm> Norms, IReadOnlyList<AttackKnob> Knobs,
    Func<AttackSettings, Attack> Build)
{
    /// <summary>The attack needs a target class (<see cref="TargetModes"/>).</summary>
    public bool Targeted { get; init; }

    /// <summary>DeepFool, C&amp;W, trust region: ε may be +∞, and the attack then returns the smallest perturbation it finds (for ρ).</summary>
    public bool MinimalPerturbation { get; init; }

    /// <summary>Reads the random-start switch (PGD family).</summary>
    public bool RandomStart { get; init; }

    /// <summary>Draws random numbers (a random start, a random class, noise), so the seed matters.</summary>
    public bool Seeded { get; init; }

    /// <summary>A one-step method adversarial training can craft its examples with (Kurakin et al. §3, App. A): untargeted or choosing its own target.</summary>
    public bool OneStep { get; init; }

    /// <summary>Needs only the model's outputs, never a gradient (Square, NAttack): the honest attacker of a masked model.</summary>
    public bool BlackBox { get; init; }

    /// <summary>Its step must not exceed ε (R-FGSM's random step α ≤ ε).</summary>
    public bool StepAtMostEpsilon { get; init; }

    /// <summary>Iterative (a fixed number of gradient steps, each measured): the iterations knob of a sweep can turn it.</summary>
    public bool Iterative => !MinimalPerturbation && Knob(AttackSetting.Steps) is not null;

    /// <summary>The method's own norm, or null when the user chooses.</summary>
    public LpNorm? FixedNorm => Norms.Count == 1 ? Norms[0] : null;

    /// <summary>The norm the attack runs in: its own, or the chosen one.</summary>
    public LpNorm Norm(LpNorm chosen) => FixedNorm ?? (Norms.Contains(chosen) ? chosen : Norms[0]);

    /// <summary>The knob that sets <paramref name="setting"/>, or null when the attack does not read it.</summary>
    public AttackKnob? Knob(AttackSetting setting) => Knobs.FirstOrDefault(k => k.Setting == setting);

    /// <summary>The attack for <paramref name="settings"/> (the norm forced to the method's own).</summary>
    public Attack Create(AttackSettings settings) => Build(settings with { Norm = Norm(settings.Norm) });

    /// <summary>"pgd · L∞ ε = 0.3 · t = 40 · α = 0.01 · random start · seed 0": the attack as it runs, its defaults filled in.</summary>
    public string Describe(AttackSettings settings, int? target = null, int? seed = null)
    {
        var attack = Create(settings);
        var norm = Norm(settings.Norm);
        string n = norm == LpNorm.L2 ? "L2" : "L∞";
        var parts = new List<string> { Name, float.IsPositiveInfinity(settings.Epsilon) ? $"{n} unbounded" : $"{n} ε = {N(settings.Epsilon)}" };
        foreach (var knob in Knobs)
            if (knob.Read?.Invoke(attack) is { } value) parts.Add($"{knob.For(norm).Symbol} = {N(value)}");
        if (RandomStart) parts.Add(settings.RandomStart ? "random start" : "no random start");
        if (target is { } t) parts.Add($"target {t}");
        if (Seeded && seed is { } s) parts.Add($"seed {s}");
        return string.Join(" · ", parts);
    }

    private static string N(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    public override string ToString() => Name;
}
