using System.Globalization;
using RobustLab.Engine.Attacks;

namespace RobustLab.Web.Services.Lab;

/// <summary>Describes an attack as it will run, with the parameters the attack object actually holds (its defaults filled in).</summary>
public static class AttackDescription
{
    /// <summary>The iterations an attack runs (iterative attacks) or at most runs (minimal-perturbation attacks), its defaults filled in; null for one-step attacks.</summary>
    public static int? Steps(Attack attack) => attack switch
    {
        Pgd a => a.Steps,
        Bim a => a.Steps,
        IterLeastLikely a => a.Steps,
        Epgd a => a.Steps,
        BpdaPgd a => a.Steps,
        DeepFool a => a.MaxIterations,
        CarliniWagner a => a.Steps,
        TrustRegion a => a.MaxIterations,
        _ => null,
    };

    /// <summary>The step an attack takes: an iterative attack's α, R-FGSM's random step, the trust region's first radius; null for the others.</summary>
    public static float? StepSize(Attack attack) => attack switch
    {
        Pgd a => a.StepSize,
        Bim a => a.StepSize,
        IterLeastLikely a => a.StepSize,
        Epgd a => a.StepSize,
        BpdaPgd a => a.StepSize,
        Rfgsm a => a.Alpha,
        TrustRegion a => a.InitialRadius,
        _ => null,
    };

    /// <summary>"pgd · L∞ ε = 0.3 · 40 steps of α = 0.075 · random start · seed 0".</summary>
    public static string Describe(Attack attack, AttackSettings settings, AttackControls controls, int? target, int seed)
    {
        string norm = controls.Norm(settings.Norm) == LpNorm.L2 ? "L2" : "L∞";
        var parts = new List<string> { attack.Name, float.IsPositiveInfinity(settings.Epsilon) ? $"{norm} unbounded" : $"{norm} ε = {N(settings.Epsilon)}" };
        int? steps = Steps(attack);
        float? step = StepSize(attack);
        if (controls.MinimalPerturbation)
        {
            if (steps is { } cap) parts.Add($"at most {cap} iterations");
            if (attack is CarliniWagner cw) parts.Add($"{cw.BinarySearchSteps} values of c");
            if (step is { } radius) parts.Add($"first radius {N(radius)}");
        }
        else if (attack is Rfgsm && step is { } alpha) parts.Add($"random step α = {N(alpha)}");
        else if (steps is { } n && step is { } a) parts.Add($"{n} step{(n == 1 ? "" : "s")} of α = {N(a)}");
        if (attack is Epgd e) parts.Add($"m = {e.Samples} gradient samples");
        if (controls.RandomStart) parts.Add(settings.RandomStart ? "random start" : "no random start");
        if (target is { } t) parts.Add($"target {t}");
        if (controls.Seeded) parts.Add($"seed {seed}");
        return string.Join(" · ", parts);
    }

    private static string N(float value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
