using System.Globalization;
using RobustLab.Engine.Attacks;

namespace RobustLab.Web.Services.Lab;

/// <summary>Describes an attack as it will run, with the parameters the attack object actually holds (its defaults filled in).</summary>
public static class AttackDescription
{
    /// <summary>The effective (steps, step size) of an iterative attack, or null for the others.</summary>
    public static (int Steps, float StepSize)? Schedule(Attack attack) => attack switch
    {
        Pgd a => (a.Steps, a.StepSize),
        Bim a => (a.Steps, a.StepSize),
        IterLeastLikely a => (a.Steps, a.StepSize),
        Epgd a => (a.Steps, a.StepSize),
        BpdaPgd a => (a.Steps, a.StepSize),
        _ => null,
    };

    /// <summary>The step the attack will take: an iterative attack's α, R-FGSM's random step α; null for the others.</summary>
    public static float? StepSize(Attack attack) => Schedule(attack)?.StepSize ?? (attack as Rfgsm)?.Alpha;

    /// <summary>"pgd · L∞ ε = 0.3 · 40 steps of α = 0.075 · random start · seed 0".</summary>
    public static string Describe(Attack attack, AttackSettings settings, AttackControls controls, int? target, int seed)
    {
        var parts = new List<string> { attack.Name, $"{(controls.Norm(settings.Norm) == LpNorm.L2 ? "L2" : "L∞")} ε = {N(settings.Epsilon)}" };
        if (Schedule(attack) is var (steps, stepSize)) parts.Add($"{steps} step{(steps == 1 ? "" : "s")} of α = {N(stepSize)}");
        if (attack is Rfgsm r) parts.Add($"random step α = {N(r.Alpha)}");
        if (attack is Epgd e) parts.Add($"m = {e.Samples} gradient samples");
        if (controls.RandomStart) parts.Add(settings.RandomStart ? "random start" : "no random start");
        if (target is { } t) parts.Add($"target {t}");
        if (controls.Seeded) parts.Add($"seed {seed}");
        return string.Join(" · ", parts);
    }

    private static string N(float value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
