using System.Globalization;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Layers.Activations;

namespace RobustLab.Engine.Experiments;

// Borji, "Sloped ReLU" §1–2: SReLU(α, z) = α·max(0, z) swapped into the MNIST CNN at test time, α ∈ {0.5, 1, 2, 5, 10, 100};
// attacks FGSM, BIM, R-FGSM, StepLL, PGD-40 and DeepFool; the ε grid {0, .05, …, .3} of the author's code (the PyTorch FGSM
// tutorial's), whose last value is the "last ε = 0.3 over MNIST" of Fig. 4.

/// <summary>The slopes, budgets and attack settings shared by the borji-* experiments.</summary>
public static class BorjiSetup
{
    /// <summary>The slopes α of §1.</summary>
    public static double[] Slopes(bool quick) => quick ? [1, 10] : [0.5, 1, 2, 5, 10, 100];

    /// <summary>ε &gt; 0 of the ε grid (ε = 0 is the clean accuracy).</summary>
    public static double[] Epsilons(bool quick) => quick ? [0.1, 0.3] : [0.05, 0.1, 0.15, 0.2, 0.25, 0.3];

    /// <summary>The activation spec of SReLU with slope α (α = 1 is ReLU).</summary>
    public static string Slope(double alpha) => new SlopedReLU((float)alpha).Spec;

    /// <summary>The untargeted attacks of Figs. 2–3 whose x axis is ε, with their settings (ε set by the sweep).</summary>
    /// <remarks>BIM: Kurakin's α = 1/255 and min(ε₂₅₅ + 4, 1.25ε₂₅₅) iterations (torchattacks' BIM, which the author used; 3 when quick);
    /// R-FGSM: α = ε/2 (Tramèr et al.); PGD-40: Madry et al.'s MNIST settings, 40 steps of 0.01 from a random start.</remarks>
    public static IReadOnlyList<(string Label, string Attack, AttackSettings Settings)> EpsilonAttacks(bool quick) =>
    [
        ("FGSM", "fgsm", new AttackSettings(LpNorm.Linf, RandomStart: false)),
        ("BIM", "bim", new AttackSettings(LpNorm.Linf, Steps: quick ? 3 : null, RandomStart: false)),
        ("R-FGSM", "rfgsm", new AttackSettings(LpNorm.Linf, RandomStart: false)),
        ("StepLL", "step-ll", new AttackSettings(LpNorm.Linf, RandomStart: false)),
        ("PGD-40", "pgd", Pgd40(quick)),
    ];

    /// <summary>PGD-40 (Madry et al., MNIST): 40 steps of 0.01 from a uniform random start (5 steps when quick).</summary>
    public static AttackSettings Pgd40(bool quick) => new(LpNorm.Linf, Steps: quick ? 5 : 40, StepSize: 0.01f, RandomStart: true);

    /// <summary>DeepFool's x axis: iterations (Fig. 2 caption: "averaged over all epsilons (iterations for DeepFool)").</summary>
    public static double[] DeepFoolIterations(bool quick) => quick ? [1, 2] : [1, 2, 3, 4, 5, 6];

    /// <summary>DeepFool L2 as torchattacks runs it: unbounded, overshoot 0.02; the sweep sets the iterations.</summary>
    public static AttackSettings DeepFool => new(LpNorm.L2, float.PositiveInfinity, RandomStart: false);

    internal static string Header(double v, string prefix) => prefix + v.ToString("G4", CultureInfo.InvariantCulture);
}
