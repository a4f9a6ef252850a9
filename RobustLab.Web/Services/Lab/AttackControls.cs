using RobustLab.Engine.Attacks;

namespace RobustLab.Web.Services.Lab;

/// <summary>Which of the Lab's attack controls an attack reads (the rest are hidden), from the attacks' own definitions.</summary>
/// <param name="ChoosesNorm">The norm control applies (false when the method fixes its norm, see <see cref="FixedNorm"/>).</param>
/// <param name="FixedNorm">The method's own norm (fast grad. L2 / L∞), or null.</param>
/// <param name="Steps">Iterations apply.</param>
/// <param name="StepSize">A step size α applies (R-FGSM: the random step's α, at most ε).</param>
/// <param name="RandomStart">The random-start switch applies (PGD family).</param>
/// <param name="Seeded">The attack draws random numbers (random start, random target, noise), so the seed matters.</param>
/// <param name="EotSamples">Expectation attacks: m gradient samples per step.</param>
/// <param name="Targeted">The attack needs a target class.</param>
/// <param name="StepSizeAtMostEpsilon">α must not exceed ε (R-FGSM).</param>
/// <param name="MinimalPerturbation">DeepFool, C&amp;W, trust region: ε may be +∞, and the attack then returns the smallest perturbation it finds.</param>
/// <param name="Title">What the attack menu calls it (its catalog name when the Lab does not know it).</param>
public sealed record AttackControls(
    bool ChoosesNorm = true,
    LpNorm? FixedNorm = null,
    bool Steps = false,
    bool StepSize = false,
    bool RandomStart = false,
    bool Seeded = false,
    bool EotSamples = false,
    bool Targeted = false,
    bool StepSizeAtMostEpsilon = false,
    bool MinimalPerturbation = false,
    string? Title = null)
{
    // Attacks whose knobs the Lab knows. An attack added to the catalog later gets Generic until it is listed here.
    private static readonly Dictionary<string, AttackControls> Known = new()
    {
        ["fgsm"] = new(Title: "FGSM: one signed-gradient step"),
        ["fgsm-targeted"] = new(Title: "FGSM, targeted: one step towards a class"),
        ["pgd"] = new(Steps: true, StepSize: true, RandomStart: true, Seeded: true, Title: "PGD: projected gradient descent"),
        ["fgsm-pred"] = new(Title: "FGSM on the predicted label"),
        ["fast-entropy"] = new(Title: "Fast entropy: one step up the entropy"),
        ["fast-grad-l2"] = new(ChoosesNorm: false, FixedNorm: LpNorm.L2, Title: "Fast gradient L2: one normalised step"),
        ["fast-grad-linf"] = new(ChoosesNorm: false, FixedNorm: LpNorm.Linf, Title: "Fast gradient L∞: one signed step"),
        ["step-ll"] = new(Title: "Step l.l.: towards the least likely class"),
        ["step-rnd"] = new(Seeded: true, Title: "Step rnd.: towards a random class"),
        ["random-sign"] = new(Seeded: true, Title: "Random sign noise (baseline)"),
        ["random-normal"] = new(Seeded: true, Title: "Random normal noise (baseline)"),
        ["rfgsm"] = new(StepSize: true, Seeded: true, StepSizeAtMostEpsilon: true, Title: "R-FGSM: random step, then FGSM"),
        ["bim"] = new(Steps: true, StepSize: true, Title: "BIM: basic iterative method"),
        ["iter-ll"] = new(Steps: true, StepSize: true, Title: "Iter. l.l.: iterative least likely class"),
        ["epgd"] = new(Steps: true, StepSize: true, RandomStart: true, Seeded: true, EotSamples: true, Title: "EPGD: PGD on the expected gradient (EOT)"),
        ["bpda-pgd"] = new(Steps: true, StepSize: true, RandomStart: true, Seeded: true, Title: "BPDA-PGD: PGD through ReLU's gradient"),
        ["bpda-pgd-margin"] = new(Steps: true, StepSize: true, RandomStart: true, Seeded: true, Title: "BPDA-PGD, margin loss: C&W's logit margin"),
        ["deepfool"] = new(Steps: true, MinimalPerturbation: true, Title: "DeepFool: to the nearest linearised boundary"),
        ["cw"] = new(ChoosesNorm: false, FixedNorm: LpNorm.L2, Steps: true, MinimalPerturbation: true, Title: "Carlini–Wagner L2"),
        ["trust-region"] = new(StepSize: true, MinimalPerturbation: true, Title: "Trust region: adaptive first-order steps"),
    };

    /// <summary>Every control except those no unknown attack can be assumed to read.</summary>
    public static AttackControls Generic { get; } = new(Steps: true, StepSize: true, Seeded: true);

    /// <summary>Whether the Lab has a specific entry for <paramref name="attack"/> (otherwise it shows <see cref="Generic"/>).</summary>
    public static bool IsKnown(string attack) => Known.ContainsKey(attack);

    /// <summary>The controls of a catalog attack; whether it is targeted comes from the attack itself.</summary>
    public static AttackControls For(string attack)
    {
        var controls = Known.GetValueOrDefault(attack, Generic);
        return controls with { Targeted = IsTargeted(attack), Title = controls.Title ?? attack };
    }

    private static bool IsTargeted(string attack)
    {
        try
        {
            return AttackCatalog.Create(attack, new AttackSettings()).Targeted;
        }
        catch (ArgumentException)
        {
            return false; // not in the catalog (the state never selects such a name) or defaults it rejects
        }
    }

    /// <summary>The norm the attack uses: its own, or the chosen one.</summary>
    public LpNorm Norm(LpNorm chosen) => FixedNorm ?? chosen;
}
