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
public sealed record AttackControls(
    bool ChoosesNorm = true,
    LpNorm? FixedNorm = null,
    bool Steps = false,
    bool StepSize = false,
    bool RandomStart = false,
    bool Seeded = false,
    bool EotSamples = false,
    bool Targeted = false,
    bool StepSizeAtMostEpsilon = false)
{
    // Attacks whose knobs the Lab knows. An attack added to the catalog later gets Generic until it is listed here.
    private static readonly Dictionary<string, AttackControls> Known = new()
    {
        ["fgsm"] = new(),
        ["fgsm-targeted"] = new(),
        ["pgd"] = new(Steps: true, StepSize: true, RandomStart: true, Seeded: true),
        ["fgsm-pred"] = new(),
        ["fast-entropy"] = new(),
        ["fast-grad-l2"] = new(ChoosesNorm: false, FixedNorm: LpNorm.L2),
        ["fast-grad-linf"] = new(ChoosesNorm: false, FixedNorm: LpNorm.Linf),
        ["step-ll"] = new(),
        ["step-rnd"] = new(Seeded: true),
        ["random-sign"] = new(Seeded: true),
        ["random-normal"] = new(Seeded: true),
        ["rfgsm"] = new(StepSize: true, Seeded: true, StepSizeAtMostEpsilon: true),
        ["bim"] = new(Steps: true, StepSize: true),
        ["iter-ll"] = new(Steps: true, StepSize: true),
        ["epgd"] = new(Steps: true, StepSize: true, RandomStart: true, Seeded: true, EotSamples: true),
        ["bpda-pgd"] = new(Steps: true, StepSize: true, RandomStart: true, Seeded: true),
    };

    /// <summary>Every control except those no unknown attack can be assumed to read.</summary>
    public static AttackControls Generic { get; } = new(Steps: true, StepSize: true, Seeded: true);

    /// <summary>Whether the Lab has a specific entry for <paramref name="attack"/> (otherwise it shows <see cref="Generic"/>).</summary>
    public static bool IsKnown(string attack) => Known.ContainsKey(attack);

    /// <summary>The controls of a catalog attack; whether it is targeted comes from the attack itself.</summary>
    public static AttackControls For(string attack)
    {
        var controls = Known.GetValueOrDefault(attack, Generic);
        return controls with { Targeted = IsTargeted(attack) };
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
