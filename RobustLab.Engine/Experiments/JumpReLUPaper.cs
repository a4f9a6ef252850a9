namespace RobustLab.Engine.Experiments;

/// <summary>The JumpReLU paper's own MNIST numbers (Erichson, Yao &amp; Mahoney), transcribed from its text, for the tables beside ours.</summary>
/// <remarks>
/// LeNetLike on MNIST, κ = 1.0, all 10,000 test images. Accuracies as fractions; ρ (eq. 12) as fractions (17.9 % → 0.179).
/// NOTE: the paper's κ (and its ε) live in the units of its reference code, which feeds the network MNIST normalised by
/// (x − 0.1307)/0.3081; ours takes pixels in [0,1], so its κ = 1.0 is not our κ = 1.0 (see <see cref="JumpReLUSetup"/>).
/// </remarks>
public static class JumpReLUPaper
{
    /// <summary>One row of Table 1a (gray-box: adversarial examples crafted on the ReLU network, "*") — accuracy.</summary>
    public sealed record GrayBoxRow(string Model, double Clean, double Pgd, double DeepFool, double DeepFoolL2, double TrustRegion);

    /// <summary>One row of Table 2a (white-box): accuracy, PGD accuracy, and ρ of DeepFool L∞, DeepFool L2 and trust region (all fool ~100 %).</summary>
    public sealed record WhiteBoxRow(string Model, double Clean, double Pgd, double RhoDeepFool, double RhoDeepFoolL2, double RhoTrustRegion);

    /// <summary>Table 1a, "Results for LeNetLike network (MNIST); κ = 1.0" (gray-box).</summary>
    public static IReadOnlyList<GrayBoxRow> Table1a { get; } =
    [
        new("ReLU (Base)*", 0.9955, 0.6669, 0.0, 0.0, 0.0),
        new("JumpReLU (Base)", 0.9953, 0.9165, 0.8139, 0.5893, 0.5890),
        new("ReLU (Robust)*", 0.9950, 0.9139, 0.0, 0.0, 0.0),
        new("JumpReLU (Robust)", 0.9947, 0.9707, 0.7084, 0.4517, 0.5324),
    ];

    /// <summary>Table 2a, "Results for LeNetLike network (MNIST); κ = 1.0" (white-box).</summary>
    public static IReadOnlyList<WhiteBoxRow> Table2a { get; } =
    [
        new("ReLU (Base)", 0.9955, 0.6669, 0.179, 0.218, 0.189),
        new("JumpReLU (Base)", 0.9953, 0.8321, 0.341, 0.449, 0.250),
        new("ReLU (Robust)", 0.9950, 0.9139, 0.284, 0.314, 0.247),
        new("JumpReLU (Robust)", 0.9947, 0.9436, 0.466, 0.533, 0.328),
    ];

    /// <summary>The jump value of Tables 1a and 2a, in the paper's units.</summary>
    public const double Kappa = 1.0;
}
