using System.Globalization;
using RobustLab.Engine.Defenses;

namespace RobustLab.Engine.Catalog;

/// <summary>The test-time defenses the pages offer: the retrofitted activations with their parameter, randomized smoothing,
/// input scaling and BPDA; one definition of each knob's range and default.</summary>
/// <remarks>
/// JumpReLU's κ starts at 0.5: on these models (pixels in [0,1], no input normalisation) that is the paper's κ = 1 (see the
/// README's JumpReLU notes), and clean accuracy collapses past ~1.5, so 0–3 shows the whole trade-off.
/// </remarks>
public static class DefenseCatalog
{
    public static Knob Kappa { get; } = new("kappa", "κ", "JumpReLU jump κ", 0, 3, 0.5, 0.05,
        "Activations below κ output 0: J(z) = z·H(z − κ). Larger κ: more robust, until clean accuracy collapses (~1.5 here).")
    { Source = Papers.JumpReLU + ", eq. 11; κ = 0.5 here plays the paper's κ = 1 (its inputs are normalised)" };

    public static Knob B { get; } = new("b", "b", "randomized JumpReLU bound b", 0, 3, 0.75, 0.05,
        "Each forward pass draws κ ~ U[0.6b, b]: a randomized JumpReLU.")
    { MinExclusive = true, Source = Papers.JumpReLU + ", App. C" };

    public static Knob Alpha { get; } = new("alpha", "α", "SReLU slope α", 0, 100, 10, 0.1,
        "Scales every activation: α·max(0, z). α = 1 is ReLU; α ≥ 10 defeats FGSM on MNIST.")
    { MinExclusive = true, Source = Papers.Borji + ", §1 (α ∈ {0.5, 1, 2, 5, 10, 100}; Fig. 2)" };

    public static Knob Sigma { get; } = new("sigma", "σ", "smoothing noise σ", 0, 1, 0.25, 0.01,
        "Standard deviation of the Gaussian noise added to each of the n copies, in pixel units.")
    { Unit = "pixel units of [0,1]", Source = Papers.Nemcovsky + ", §3 (σ ∈ [0, 0.25] before accuracy degrades)" };

    public static Knob Samples { get; } = new("n", "n", "smoothing samples n", 1, 256, 32, 1,
        "Noisy copies whose predictions are combined by the vote.")
    { Integer = true, Source = Papers.Nemcovsky + ", §5 (n = 256–512 there; 32 keeps the Lab responsive)" };

    public static Knob Scale { get; } = new("input-scale", "s", "input scale s", 0, 100, 2, 0.1,
        "Multiplies the input by s before the network (clipped to [0,1] unless clipping is off).")
    { MinExclusive = true, Unit = "×", Source = Papers.Borji + ", Fig. 7" };

    /// <summary>Every activation the pages retrofit, in menu order (ReLU: the network as trained).</summary>
    public static IReadOnlyList<ActivationEntry> Activations { get; } =
    [
        new("relu", "ReLU (as trained)", "ReLU", "The network as trained: no activation defense.", new(Papers.JumpReLU, "§3"), null),
        new("jumprelu", "JumpReLU κ", "JumpReLU",
            "Retrofits every ReLU with a jump at κ: small activations, which an attack moves most cheaply, are cut to 0.",
            new(Papers.JumpReLU, "§3, eq. 11"), Kappa),
        new("rjumprelu", "randomized JumpReLU b", "rand. Jump",
            "A JumpReLU whose κ is drawn anew for every forward pass from U[0.6b, b]: the attacker's gradient is noisy.",
            new(Papers.JumpReLU, "App. C"), B),
        new("srelu", "SReLU α", "SReLU",
            "Sloped ReLU α·max(0, z) at test time: it multiplies the logits' scale, saturating the softmax, so gradient attacks see tiny gradients (masking).",
            new(Papers.Borji, "§1, Fig. 2"), Alpha),
    ];

    public static DefenseEntry Smoothing { get; } = new("smoothing", "Randomized smoothing",
        "Classifies n noisy copies x + N(0, σ²) and combines them by a vote: majority (counts), soft (mean probabilities) or weighted.",
        new(Papers.Nemcovsky, "§3 (prediction, soft and weighted smoothing)"), [Sigma, Samples]);

    public static DefenseEntry InputScaling { get; } = new("input-scale", "Input scaling",
        "Multiplies the image by s before the network; without clipping it resembles a steeper SReLU, with clipping it does little.",
        new(Papers.Borji, "Fig. 7"), [Scale]);

    public static DefenseEntry Bpda { get; } = new("bpda", "BPDA: attack through ReLU's gradient",
        "Backward Pass Differentiable Approximation: the attack's backward pass uses ReLU in place of the retrofitted activation, while the forward pass stays defended.",
        new(Papers.Athalye, "§4.1; Borji Fig. 8"), []);

    /// <summary>The votes of smoothing, with their menu text.</summary>
    public static IReadOnlyList<(SmoothingVote Vote, string Name, string Title)> Votes { get; } =
    [
        (SmoothingVote.Majority, "majority", "majority vote"),
        (SmoothingVote.Soft, "soft", "soft"),
        (SmoothingVote.Weighted, "weighted", "weighted"),
    ];

    /// <summary>The activation of spec name <paramref name="name"/> ("jumprelu"), or null.</summary>
    public static ActivationEntry? Activation(string? name) => Activations.FirstOrDefault(a => a.Name == name);

    /// <summary>A readable label of an activation spec: "JumpReLU κ = 0.5" for "jumprelu:0.5"; the spec itself when unknown.</summary>
    public static string ActivationLabel(string spec)
    {
        var parts = spec.Split(':', 2);
        if (Activation(parts[0]) is not { } entry) return spec;
        if (entry.Parameter is null) return entry.ShortTitle;
        return parts.Length == 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? entry.Label(v) : entry.ShortTitle;
    }
}
