using RobustLab.Engine.Attacks;
using RobustLab.Engine.Defenses;

namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>The paper experiments of the Trade-offs page, one click each (JumpReLU, Borji, Nemcovsky et al., Kurakin et al.).</summary>
/// <remarks>Subsets are small so that each runs in tens of seconds on two cores; <see cref="TradeoffsPreset.PaperExamples"/> is one field away.</remarks>
public static class TradeoffsPresets
{
    private const string LeNet = "lenet-like", Borji = "borji-mnist";
    private const string JumpreluPaper = "JumpReLU (Erichson et al.)", BorjiPaper = "Sloped ReLU (Borji)",
        SmoothingPaper = "Smoothed inference (Nemcovsky et al.)", KurakinPaper = "Adversarial ML at scale (Kurakin et al.)";
    private static readonly PlotMeasures Accuracies = PlotMeasures.CleanAccuracy | PlotMeasures.AdversarialAccuracy;

    public static IReadOnlyList<TradeoffsPreset> All { get; } =
    [
        new("jumprelu-kappa-pgd", JumpreluPaper, "κ trade-off (PGD)", "JumpReLU Fig. 4, Table 2",
            "Retrofitting JumpReLU with a larger jump κ trades clean accuracy for robustness, with no retraining. The solid line is " +
            "accuracy under a white-box PGD attack, the dotted line clean accuracy, the dashed line ρ₂ of the examples PGD turned (right axis). " +
            "Look for the range of κ where adversarial accuracy rises while clean accuracy barely moves, and for the point where clean accuracy collapses.",
            Kappa(attack: "pgd", measures: Accuracies | PlotMeasures.RhoL2) with { Epsilon = 0.1, Steps = 20 }, 10_000),
        new("jumprelu-kappa-deepfool", JumpreluPaper, "κ trade-off (DeepFool ρ)", "JumpReLU Fig. 4",
            "The figure of the paper: clean accuracy (left axis) and the average minimal relative perturbation ρ₂ that unbounded DeepFool needs " +
            "to turn each example (right axis), against κ. A larger ρ means the attacker must change the image more. Look for ρ growing with κ " +
            "while clean accuracy stays flat — the trade-off the paper tunes κ on.",
            Kappa(attack: "deepfool", measures: PlotMeasures.CleanAccuracy | PlotMeasures.RhoL2) with { Norm = LpNorm.L2, Unbounded = true }, 10_000),
        new("jumprelu-transfer", JumpreluPaper, "Transfer matrix", "JumpReLU Fig. 7, App. A",
            "Gray-box attacks between jump values: PGD examples crafted on the model with source κ (row) are measured on the model with target κ " +
            "(column). Higher cells mean more robust. Look for the asymmetry the paper reports: examples crafted at a low κ still fool " +
            "models with a higher κ better than the other way round.",
            new TradeoffsState
            {
                Model = LeNet, Knob = KnobInfo.Kappa, ValuesMode = ValuesMode.List, ValuesText = "0, 0.25, 0.5, 0.75, 1",
                TransferMatrix = true, SourceValuesText = "0, 0.25, 0.5, 0.75, 1",
                Attack = "pgd", Epsilon = 0.1, Steps = 40, Examples = 100, Measures = PlotMeasures.AdversarialAccuracy,
            }, 10_000),
        new("jumprelu-iterations", JumpreluPaper, "Accuracy vs iterations", "JumpReLU Fig. 8, App. B",
            "Accuracy under PGD after t iterations (step 0.01, ε = 0.1), for ReLU (κ = 0) and JumpReLU (κ = 1); every t is read off one attack run. " +
            "Look for how many more iterations the attacker needs against the retrofitted model to reach the same accuracy: JumpReLU makes the attack " +
            "slower and more expensive, even where it does not stop it.",
            new TradeoffsState
            {
                Model = LeNet, Knob = KnobInfo.Iterations, ValuesMode = ValuesMode.List, ValuesText = "1, 2, 5, 10, 20, 50, 100",
                SeriesBy = KnobInfo.Kappa, SeriesValuesText = "0, 1", Attack = "pgd", Epsilon = 0.1, StepSize = 0.01, Examples = 100,
                Measures = PlotMeasures.AdversarialAccuracy,
            }, 10_000),
        new("borji-fgsm-alpha", BorjiPaper, "SReLU vs FGSM", "Borji Fig. 2 (top left)",
            "Accuracy under untargeted FGSM against ε, one curve per SReLU slope α swapped in at test time. Large α flattens the curves: the logits " +
            "grow like α^depth, the softmax saturates, and the cross-entropy gradient of a correctly classified example vanishes (exactly, in float32), so " +
            "FGSM's sign step is zero or random. That is gradient masking, not robustness — compare the step l.l. and BPDA presets.",
            Epsilons(Borji, "fgsm") with { SeriesBy = KnobInfo.Alpha, SeriesValuesText = "1, 2, 5, 10, 100" }, 10_000),
        new("borji-stepll-alpha", BorjiPaper, "SReLU vs step l.l.", "Borji Fig. 2 (StepLL), Kurakin §2.2",
            "The same sweep with step l.l., which steps towards the least likely class instead of away from the true one. Its loss is the " +
            "cross-entropy of a class the model gives almost no probability, whose gradient does not vanish when the softmax saturates, so the " +
            "curves fall for every α. Look for how little the slope helps here: the FGSM curves were flat because the gradient was hidden, not because the model got robust.",
            Epsilons(Borji, "step-ll") with { SeriesBy = KnobInfo.Alpha, SeriesValuesText = "1, 2, 5, 10, 100" }, 10_000),
        new("borji-bpda", BorjiPaper, "SReLU vs BPDA (transfer)", "Borji Fig. 8, §3",
            "BPDA in Borji's sense: craft FGSM on a network that matches the defended one's logits and transfer the examples. The undefended ReLU " +
            "twin is such a network (SReLU only rescales its activations), so the examples are crafted there and measured on each SReLU model. " +
            "Look for the flat curves of the FGSM preset falling again: the gradient was masked, the decision boundaries did not move.",
            Epsilons(Borji, "fgsm") with { SeriesBy = KnobInfo.Alpha, SeriesValuesText = "1, 10, 100", Source = AttackSource.GrayBox }, 10_000),
        new("borji-input-scaling", BorjiPaper, "Input scaling", "Borji Fig. 7",
            "Is a steeper ReLU the same as a brighter image? Each curve multiplies the input by s before the network, without clipping to [0,1]. " +
            "Look for the curves flattening with s as they did with α on MNIST; then switch clipping on (Defenses) and add the run as a series: " +
            "clipped, a scaled digit is just a binary image and FGSM goes through.",
            Epsilons(Borji, "fgsm") with { SeriesBy = KnobInfo.InputScale, SeriesValuesText = "1, 2, 5, 10", InputClip = false }, 10_000),
        new("smoothing-pgd-epgd", SmoothingPaper, "Smoothing σ: PGD vs EPGD", "Nemcovsky et al. §3, §4.2",
            "Randomized smoothing votes over n = 8 noisy copies of the input; more noise σ protects more and costs clean accuracy. PGD against the " +
            "smoothed model follows the mean gradient of its n copies; EPGD (eq. 25) averages m = 4 more draws at every step. Look for where the two " +
            "curves part: a gap means the defense looked stronger against a noisy gradient than it is.",
            new TradeoffsState
            {
                Model = LeNet, Knob = KnobInfo.Sigma, ValuesMode = ValuesMode.List, ValuesText = "0, 0.125, 0.25, 0.5",
                SmoothingOn = true, SmoothingSamples = 8, Vote = SmoothingVote.Majority, SeriesBy = TradeoffsState.SeriesByAttack,
                SeriesValuesText = "pgd, epgd", Attack = "pgd", Epsilon = 0.1, Steps = 10, EotSamples = 4, Examples = 40, Measures = Accuracies,
            }, 1_000),
        new("kurakin-one-step", KurakinPaper, "One-step methods", "Kurakin et al. Fig. 3, §4.2",
            "Accuracy against ε for Kurakin's one-step methods: FGSM (uses the true label), FGSM on the predicted label, fast entropy, step l.l., " +
            "step rnd. and random-sign noise as a baseline. Look for the ordering on a normally trained model; then train one adversarially with FGSM " +
            "(Train page) and choose it here: if FGSM's accuracy rises above the clean accuracy while FGSM-pred's does not, the model leaks the label.",
            Epsilons(LeNet, "fgsm") with
            {
                SeriesBy = TradeoffsState.SeriesByAttack, SeriesValuesText = "fgsm, fgsm-pred, fast-entropy, step-ll, step-rnd, random-sign",
            }, 10_000),
    ];

    /// <summary>The preset with <paramref name="id"/>, or null.</summary>
    public static TradeoffsPreset? Find(string? id) => All.FirstOrDefault(p => p.Id == id);

    /// <summary>The page's first settings: the first preset.</summary>
    public static TradeoffsPreset Default => All[0];

    private static TradeoffsState Kappa(string attack, PlotMeasures measures) => new()
    {
        Model = LeNet, Knob = KnobInfo.Kappa, ValuesMode = ValuesMode.Range, RangeStart = 0, RangeStop = 1.2, RangeStep = 0.2,
        Attack = attack, Examples = 200, Measures = measures,
    };

    private static TradeoffsState Epsilons(string model, string attack) => new()
    {
        Model = model, Knob = KnobInfo.Epsilon, ValuesMode = ValuesMode.Range, RangeStart = 0, RangeStop = 0.3, RangeStep = 0.05,
        Attack = attack, Examples = 300, Measures = PlotMeasures.AdversarialAccuracy,
    };
}
