using RobustLab.Engine.Catalog;
using RobustLab.Engine.Sweeps;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Defenses;

namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>The paper experiments of the Trade-offs page, one click each (JumpReLU, Borji, Nemcovsky et al., Kurakin et al.).</summary>
/// <remarks>
/// The settings follow <c>robustlab reproduce</c>'s experiments of the same name where they have one (its grids of κ, α and ε,
/// and the JumpReLU paper's PGD in pixel units), on small test subsets so that each runs in tens of seconds on two cores;
/// <see cref="TradeoffsPreset.PaperExamples"/> is one field away.
/// </remarks>
public static class TradeoffsPresets
{
    private const string LeNet = "lenet-like", Borji = "borji-mnist";
    private const string JumpreluPaper = "JumpReLU (Erichson et al.)", BorjiPaper = "Sloped ReLU (Borji)",
        SmoothingPaper = "Smoothed inference (Nemcovsky et al.)", KurakinPaper = "Adversarial ML at scale (Kurakin et al.)",
        ReliablePaper = "Reliable evaluation (Croce & Hein; Athalye et al.)";

    /// <summary>The JumpReLU paper's PGD step, 0.01 on inputs normalised by σ = 0.3081, in pixel units of [0,1].</summary>
    private const double JumpReluStep = 0.01 * 0.3081;

    /// <summary>κ in pixel units: the paper's κ = 1.0 (on normalised inputs) is about our 0.5, and clean accuracy collapses above ~0.75.</summary>
    private const string Kappas = "0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 1";

    /// <summary>Borji's slopes α (§1), also the input scales of Fig. 7.</summary>
    private const string Slopes = "0.5, 1, 2, 5, 10, 100";

    private static readonly PlotMeasures Accuracies = PlotMeasures.CleanAccuracy | PlotMeasures.AdversarialAccuracy;

    public static IReadOnlyList<TradeoffsPreset> All { get; } =
    [
        new("jumprelu-kappa-pgd", JumpreluPaper, "κ trade-off (PGD)", "JumpReLU Fig. 4, Table 2",
            "Retrofitting JumpReLU with a larger jump κ trades clean accuracy (dotted) for accuracy under a white-box PGD attack (solid), with " +
            "no retraining; PGD is the paper's, 40 steps of 0.01 on normalised inputs. Look for the range of κ where adversarial accuracy rises " +
            "while clean accuracy barely moves, and where clean accuracy collapses. κ is in pixel units here: the paper's κ = 1.0 is about 0.5.",
            new TradeoffsState
            {
                Model = LeNet, Knob = SweepKnobs.Kappa, ValuesMode = ValuesMode.List, ValuesText = Kappas, Attack = "pgd",
                Epsilon = 40 * JumpReluStep, Steps = 40, StepSize = JumpReluStep, RandomStart = false, Examples = 100, Measures = Accuracies,
            }, 10_000),
        new("jumprelu-kappa-deepfool", JumpreluPaper, "κ trade-off (DeepFool ρ)", "JumpReLU Fig. 4",
            "The figure of the paper: clean accuracy (left axis) and ρ₂ (right axis), the average minimal relative perturbation ‖δ‖₂/‖x‖₂ that " +
            "unbounded DeepFool needs to turn each example, against κ. A larger ρ means the attacker must change the image more. Look for ρ " +
            "growing with κ while clean accuracy stays flat: the trade-off the paper tunes κ on.",
            new TradeoffsState
            {
                Model = LeNet, Knob = SweepKnobs.Kappa, ValuesMode = ValuesMode.List, ValuesText = Kappas, Attack = "deepfool", Norm = LpNorm.L2,
                Unbounded = true, Steps = 40, RandomStart = false, Examples = 200, Measures = PlotMeasures.CleanAccuracy | PlotMeasures.RhoL2,
            }, 10_000),
        new("jumprelu-transfer", JumpreluPaper, "Transfer matrix", "JumpReLU Fig. 7, App. A",
            "Gray-box attacks between jump values: PGD examples crafted on the model with source κ (row) are measured on the model with target κ " +
            "(column); the diagonal is white-box. Higher cells mean more robust. Look for the asymmetry the paper reports: examples crafted at a " +
            "low κ still fool models with a higher κ, while models with a low κ resist examples crafted at a high κ.",
            new TradeoffsState
            {
                Model = LeNet, Knob = SweepKnobs.Kappa, ValuesMode = ValuesMode.List, ValuesText = "0, 0.25, 0.5, 0.75, 1",
                TransferMatrix = true, SourceValuesText = "0, 0.25, 0.5, 0.75, 1", Attack = "pgd", Epsilon = 0.3, Steps = 200,
                StepSize = JumpReluStep, RandomStart = false, Examples = 40, Measures = PlotMeasures.AdversarialAccuracy,
            }, 10_000),
        new("jumprelu-iterations", JumpreluPaper, "Accuracy vs iterations", "JumpReLU Fig. 8, App. B",
            "Accuracy under PGD after t iterations of the paper's step, for ReLU (κ = 0) and its JumpReLU retrofit (κ = 0.5); every t is read off " +
            "one attack run, and t = 0 is the clean accuracy. Look for how many more iterations the attacker needs against the retrofitted model " +
            "to reach the same accuracy: JumpReLU makes the attack slower and costlier, even where it does not stop it.",
            new TradeoffsState
            {
                Model = LeNet, Knob = SweepKnobs.IterationsName, ValuesMode = ValuesMode.List, ValuesText = "0, 1, 2, 3, 5, 7, 10, 15, 20, 30, 40, 60, 80, 100",
                SeriesBy = SweepKnobs.Kappa, SeriesValuesText = "0, 0.5", Attack = "pgd", Epsilon = 100 * JumpReluStep, StepSize = JumpReluStep,
                RandomStart = false, Examples = 100, Measures = PlotMeasures.AdversarialAccuracy,
            }, 10_000),
        new("borji-fgsm-alpha", BorjiPaper, "SReLU vs FGSM", "Borji Fig. 2 (top left)",
            "Accuracy under untargeted FGSM against ε, one curve per SReLU slope α swapped in at test time. Large α flattens the curves: the logits " +
            "grow like α^depth, the softmax saturates, and the cross-entropy gradient of a correctly classified example vanishes (exactly, in float32), so " +
            "FGSM's sign step is zero or random. That is gradient masking, not robustness — compare the step l.l. and BPDA presets.",
            Epsilons(Borji, "fgsm") with { SeriesBy = SweepKnobs.Alpha, SeriesValuesText = Slopes }, 10_000),
        new("borji-stepll-alpha", BorjiPaper, "SReLU vs step l.l.", "Borji Fig. 2 (StepLL), Kurakin §2.2",
            "The same sweep with step l.l., which steps towards the least likely class instead of away from the true one. Its loss is the " +
            "cross-entropy of a class the model gives almost no probability, whose gradient does not vanish when the softmax saturates, so the " +
            "curves fall for every α ≥ 1. Look for how little the slope helps here: the FGSM curves were flat because the gradient was hidden, not because the model got robust.",
            Epsilons(Borji, "step-ll") with { SeriesBy = SweepKnobs.Alpha, SeriesValuesText = Slopes }, 10_000),
        new("borji-bpda", BorjiPaper, "SReLU vs BPDA (transfer)", "Borji Fig. 8, §3",
            "BPDA in Borji's sense: craft the attack on a substitute network without the masked gradient and transfer the examples. Here the " +
            "substitute is the model's own undefended ReLU twin — the same weights, whose decisions SReLU barely changes (clean accuracy stays put) — " +
            "and FGSM crafted on it is measured on each SReLU model. Look for the flat curves of the FGSM preset falling again: the gradient was masked, the boundaries did not move.",
            Epsilons(Borji, "fgsm") with { SeriesBy = SweepKnobs.Alpha, SeriesValuesText = Slopes, Source = AttackSource.GrayBox }, 10_000),
        new("borji-input-scaling", BorjiPaper, "Input scaling", "Borji Fig. 7",
            "Is a steeper ReLU the same as a brighter image? Each curve multiplies the input by s before the network, without clipping to [0,1]. " +
            "Look for the curves flattening with s as they did with α on MNIST; then switch clipping on (Model and defenses) and add the run as a " +
            "series: clipped, a scaled digit is nearly binary and FGSM goes through.",
            Epsilons(Borji, "fgsm") with { SeriesBy = SweepKnobs.InputScale, SeriesValuesText = Slopes, InputClip = false }, 10_000),
        new("smoothing-pgd-epgd", SmoothingPaper, "Smoothing σ: PGD vs EPGD", "Nemcovsky et al. §3, §4.2, §5.2",
            "Randomized smoothing classifies by a majority vote over n = 8 noisy copies of the input; more noise σ protects more and costs clean " +
            "accuracy. Two attackers: PGD crafted on the base network, blind to the noise, and PGD through the smoothed model, whose gradient is the " +
            "mean over its noisy copies — EPGD (eq. 25). Look for the gap between them as σ grows: the noise stops an attacker who ignores it far better than one who averages over it.",
            new TradeoffsState
            {
                Model = LeNet, Knob = SweepKnobs.Sigma, ValuesMode = ValuesMode.List, ValuesText = "0, 0.1, 0.2, 0.3, 0.4, 0.5",
                SmoothingOn = true, SmoothingSamples = 8, Vote = SmoothingVote.Majority,
                SeriesBy = TradeoffsState.SeriesBySource, SeriesValuesText = $"{TradeoffsState.WhiteBox}, {TradeoffsState.GrayBox}",
                Attack = "pgd", Epsilon = 0.1, Steps = 10, StepSize = 0.02, RandomStart = true, Examples = 100, Measures = Accuracies,
            }, 1_000),
        new("kurakin-one-step", KurakinPaper, "One-step methods", "Kurakin et al. Fig. 3, §4.2",
            "Accuracy against ε for Kurakin's one-step methods: FGSM (uses the true label), FGSM on the predicted label, fast entropy, step l.l., " +
            "step rnd. and random-sign noise as a baseline. Look for the ordering on a normally trained model; then train one adversarially with FGSM " +
            "(Train page) and choose it here: if FGSM's accuracy rises above the clean accuracy while FGSM-pred's does not, the model leaks the label.",
            Epsilons(LeNet, "fgsm") with
            {
                SeriesBy = TradeoffsState.SeriesByAttack, SeriesValuesText = "fgsm, fgsm-pred, fast-entropy, step-ll, step-rnd, random-sign",
            }, 10_000),
        new("reliable-srelu", ReliablePaper, "SReLU α: FGSM vs AutoAttack", "Croce & Hein §5; Borji Fig. 2",
            "Borji's slopes α under his FGSM and under the field's standard components at the same L∞ ε = 0.3: APGD-CE (step-size-free PGD), " +
            "APGD-T with the targeted DLR loss, which a saturated softmax cannot flatten, and Square, which never reads a gradient. Look for FGSM's " +
            "accuracy climbing with α while the others stay near zero: the slope hid the gradient; it did not move the decision boundary.",
            new TradeoffsState
            {
                Model = Borji, Knob = SweepKnobs.Alpha, ValuesMode = ValuesMode.List, ValuesText = "1, 2, 10, 100", SeriesBy = TradeoffsState.SeriesByAttack,
                SeriesValuesText = "fgsm, apgd-ce, apgd-t, square", Epsilon = 0.3, Steps = 20, RandomStart = false, Examples = 50,
                Measures = PlotMeasures.AdversarialAccuracy,
            }, 10_000),
        new("reliable-jumprelu", ReliablePaper, "JumpReLU κ: PGD vs AutoAttack", "Croce & Hein §5; JumpReLU Fig. 4",
            "The κ trade-off under the paper's PGD (40 steps of 0.01 on normalised inputs) and under AutoAttack's APGD-CE, APGD-T and Square at " +
            "the same budget. Look for how much of JumpReLU's gain survives: where AutoAttack agrees with PGD, the robustness is real; where it is " +
            "much lower, the jump made the gradient less informative rather than the model more robust.",
            new TradeoffsState
            {
                Model = LeNet, Knob = SweepKnobs.Kappa, ValuesMode = ValuesMode.List, ValuesText = "0, 0.25, 0.5, 0.75", SeriesBy = TradeoffsState.SeriesByAttack,
                SeriesValuesText = "pgd, apgd-ce, apgd-t, square", Epsilon = 40 * JumpReluStep, Steps = 40, StepSize = JumpReluStep, RandomStart = false,
                Examples = 50, Measures = PlotMeasures.AdversarialAccuracy,
            }, 10_000),
        new("reliable-smoothing", ReliablePaper, "Smoothing σ: EPGD vs APGD", "Croce & Hein §5; Nemcovsky et al. §4.2",
            "Randomized smoothing (n = 8, majority vote) against σ under PGD through the smoothed model (its gradient averages the noisy copies, " +
            "EPGD) and under APGD-CE and APGD-T with the same expected gradient. The smoothed model is random, so AutoAttack's minimum over attacks " +
            "is optimistic for the attacker; look for whether the better-tuned APGD steps find what PGD's fixed step missed.",
            new TradeoffsState
            {
                Model = LeNet, Knob = SweepKnobs.Sigma, ValuesMode = ValuesMode.List, ValuesText = "0, 0.1, 0.25, 0.4", SmoothingOn = true, SmoothingSamples = 8,
                Vote = SmoothingVote.Majority, SeriesBy = TradeoffsState.SeriesByAttack, SeriesValuesText = "pgd, apgd-ce, apgd-t", Epsilon = 0.1, Steps = 10,
                StepSize = 0.02, RandomStart = true, Examples = 50, Measures = PlotMeasures.AdversarialAccuracy,
            }, 1_000),
    ];

    /// <summary>The preset with <paramref name="id"/>, or null.</summary>
    public static TradeoffsPreset? Find(string? id) => All.FirstOrDefault(p => p.Id == id);

    /// <summary>The page's first settings: the first preset.</summary>
    public static TradeoffsPreset Default => All[0];

    // Borji's ε grid of the PyTorch FGSM tutorial he started from, 0 to 0.3 in steps of 0.05; ε = 0 is the clean accuracy.
    private static TradeoffsState Epsilons(string model, string attack) => new()
    {
        Model = model, Knob = SweepKnobs.Epsilon, ValuesMode = ValuesMode.Range, RangeStart = 0, RangeStop = 0.3, RangeStep = 0.05,
        Attack = attack, RandomStart = false, Examples = 300, Measures = PlotMeasures.AdversarialAccuracy,
    };
}
