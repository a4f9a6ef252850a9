using RobustLab.Engine.Attacks;

namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>Which attack settings an attack of the catalog reads, read off the attack object the settings build.</summary>
/// <param name="FixedNorm">The method's own norm (fast grad. L2 / L∞, C&amp;W L2), or null when the norm is chosen.</param>
/// <param name="Steps">Iterations apply (iterative attacks; the cap of the minimal-perturbation attacks).</param>
/// <param name="StepSize">A step size applies.</param>
/// <param name="RandomStart">The random-start switch applies (PGD family).</param>
/// <param name="EotSamples">EPGD's m gradient samples apply.</param>
/// <param name="Targeted">The attack needs a target class.</param>
/// <param name="MinimalPerturbation">DeepFool, C&amp;W, trust region: ε may be unbounded, for ρ (JumpReLU eq. 12).</param>
public sealed record AttackFields(LpNorm? FixedNorm, bool Steps, bool StepSize, bool RandomStart, bool EotSamples, bool Targeted,
    bool MinimalPerturbation)
{
    /// <summary>The fields of catalog attack <paramref name="name"/>; throws <see cref="ArgumentException"/> for an unknown name.</summary>
    public static AttackFields For(string name)
    {
        var attack = Create(name);
        bool pgdFamily = attack is Pgd or Epgd or BpdaPgd;
        return new AttackFields(
            FixedNorm: name switch { "fast-grad-l2" or "cw" => LpNorm.L2, "fast-grad-linf" => LpNorm.Linf, _ => null },
            Steps: pgdFamily || attack is Bim or IterLeastLikely or DeepFool or CarliniWagner or TrustRegion,
            StepSize: pgdFamily || attack is Bim or IterLeastLikely or Rfgsm or TrustRegion,
            RandomStart: pgdFamily,
            EotSamples: attack is Epgd,
            Targeted: attack.Targeted,
            MinimalPerturbation: attack is DeepFool or CarliniWagner or TrustRegion);
    }

    // NOTE: the default settings are L∞, which C&W (an L2 attack) refuses: read such an attack off its L2 form.
    private static Attack Create(string name)
    {
        try
        {
            return AttackCatalog.Create(name, new AttackSettings());
        }
        catch (ArgumentException) when (AttackCatalog.Names.Contains(name))
        {
            return AttackCatalog.Create(name, new AttackSettings(Norm: LpNorm.L2));
        }
    }
}
