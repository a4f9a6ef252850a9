using RobustLab.Engine.Catalog;

namespace RobustLab.Engine.Attacks;

/// <summary>Every attack: its CLI name, title, paper, norms and knobs, and how to build it. The Lab, Trade-offs, Train, the CLI and
/// the tests enumerate <see cref="All"/>; adding an attack = one file + one entry here, and its controls then appear everywhere.</summary>
/// <remarks>
/// Defaults are the papers' where a paper gives one, and each knob's <see cref="Knob.Source"/> says which. The PGD family's step
/// (<see cref="PgdStep"/>): α = 0.01 in L∞, as in Madry et al.'s MNIST setup (40 steps of 0.01 at ε = 0.3) that JumpReLU §4 and
/// Borji's PGD-40 follow; α = 2.5·ε/t in L2 (Madry et al.'s rule, so t steps can cross the ball).
/// </remarks>
public static class AttackCatalog
{
    private static readonly LpNorm[] Both = [LpNorm.Linf, LpNorm.L2];

    private const string PgdStepRule = "α = 0.01 in L∞: Madry et al.'s MNIST setup (40 steps of 0.01 at ε = 0.3), followed by JumpReLU §4 and Borji's PGD-40; " +
        "α = 2.5·ε/t in L2 (Madry et al.'s rule)";

    private static readonly AttackKnob PgdSteps = AttackKnobs.Steps(40, "Gradient steps, each projected back onto the ε-ball.",
        Papers.JumpReLU + ", §4 (40 steps for iterative attacks on MNIST, following Madry et al.)",
        a => a switch { Pgd p => p.Steps, Epgd e => e.Steps, BpdaPgd b => b.Steps, _ => null });

    private static readonly AttackKnob PgdStepSize = AttackKnobs.StepSize("step size α", "Length of each gradient step (L∞: signed, L2: normalised).", PgdStepRule,
        a => a switch { Pgd p => p.StepSize, Epgd e => e.StepSize, BpdaPgd b => b.StepSize, _ => null });

    private static readonly AttackKnob KurakinSteps = AttackKnobs.Steps(10, "Iterations (default: Kurakin's min(ε₂₅₅ + 4, 1.25·ε₂₅₅), from ε).",
        Papers.Kurakin + ", §2.2", a => a switch { Bim b => b.Steps, IterLeastLikely i => i.Steps, _ => null }) with { Auto = true };

    private static readonly AttackKnob KurakinStepSize = AttackKnobs.StepSize("step size α", "Change per iteration (default: one grey level, 1/255).",
        Papers.Kurakin + ", §2.2 (α = 1 in 0–255 units)", a => a switch { Bim b => b.StepSize, IterLeastLikely i => i.StepSize, _ => null }, linfDefault: 1 / 255.0);

    private static readonly AttackKnob RfgsmAlpha = AttackKnobs.StepSize("random step α", "Length of the random sign step taken first; the gradient step is ε − α (at most ε).",
        Papers.Tramer + ", §4.1 (α = ε/2)", a => (a as Rfgsm)?.Alpha, linfDefault: 0.15, l2Default: 1);

    /// <summary>Every attack, in menu order.</summary>
    public static IReadOnlyList<AttackEntry> All { get; } =
    [
        new("fgsm", "FGSM: one signed-gradient step",
            "One step of size ε in the direction that increases the loss fastest under the norm: x̃ = x + ε·sign(∇ₓJ(x, y)) in L∞.",
            new(Papers.Kurakin, "§2.1 (Goodfellow et al. 2015)"), Both, [], s => new Fgsm(s.Epsilon, s.Norm)) { OneStep = true },
        new("fgsm-targeted", "FGSM, targeted: one step towards a class",
            "One step of size ε that lowers the loss of the chosen target class: x̃ = x − ε·sign(∇ₓJ(x, y_target)).",
            new(Papers.Kurakin, "§2.1"), Both, [], s => new Fgsm(s.Epsilon, s.Norm, targeted: true)) { Targeted = true },
        new("pgd", "PGD: projected gradient descent",
            "FGSM repeated t times with step α, projecting back onto the ε-ball after each step, from a random point of the ball.",
            new(Papers.Madry, "§2; JumpReLU §4"), Both, [PgdSteps, PgdStepSize],
            s => new Pgd(s.Threat, Steps(s, PgdSteps), s.StepSize ?? PgdStep(s.Norm, s.Epsilon, Steps(s, PgdSteps)), s.RandomStart))
        { RandomStart = true, Seeded = true },
        new("fgsm-pred", "FGSM on the predicted label",
            "FGSM with the model's own prediction in place of the true label, so no label leaks into the attack.",
            new(Papers.Kurakin, "App. A, §4.3"), Both, [], s => new FgsmPred(s.Epsilon, s.Norm)) { OneStep = true },
        new("fast-entropy", "Fast entropy: one step up the entropy",
            "One signed step that increases the entropy of the prediction, making the model unsure rather than wrong.",
            new(Papers.Kurakin, "App. A"), Both, [], s => new FastEntropy(s.Epsilon, s.Norm)) { OneStep = true },
        new("fast-grad-l2", "Fast gradient L2: one normalised step",
            "One step of L2 length ε along the gradient itself, normalised: x̃ = x + ε·∇J/‖∇J‖₂.",
            new(Papers.Kurakin, "App. A"), [LpNorm.L2], [], s => new FastGrad(s.Epsilon, LpNorm.L2)) { OneStep = true },
        new("fast-grad-linf", "Fast gradient L∞: one scaled step",
            "One step along the gradient scaled so its largest pixel change is ε: x̃ = x + ε·∇J/‖∇J‖∞.",
            new(Papers.Kurakin, "App. A"), [LpNorm.Linf], [], s => new FastGrad(s.Epsilon, LpNorm.Linf)) { OneStep = true },
        new("step-ll", "Step l.l.: towards the least likely class",
            "One targeted FGSM step towards the class the model finds least likely on the clean image.",
            new(Papers.Kurakin, "§2.2"), Both, [], s => new StepLeastLikely(s.Epsilon, s.Norm)) { OneStep = true },
        new("step-rnd", "Step rnd.: towards a random class",
            "One targeted FGSM step towards a class drawn at random.",
            new(Papers.Kurakin, "§2.2, App. A"), Both, [], s => new StepRandom(s.Epsilon, s.Norm)) { Seeded = true, OneStep = true },
        new("random-sign", "Random sign noise (baseline)",
            "Adds ε·sign(noise): as large as FGSM but blind to the model, the baseline an attack must beat.",
            new(Papers.Kurakin, "App. A"), Both, [], s => new RandomSign(s.Epsilon, s.Norm)) { Seeded = true, OneStep = true },
        new("random-normal", "Random normal noise (baseline)",
            "Adds Gaussian noise scaled to the budget: a model-blind baseline.",
            new(Papers.Kurakin, "App. A"), Both, [], s => new RandomNormal(s.Epsilon, s.Norm)) { Seeded = true, OneStep = true },
        new("rfgsm", "R-FGSM: random step, then FGSM",
            "A random sign step of size α, then an FGSM step of size ε − α from there: escapes the gradient masking of one-step training.",
            new(Papers.Tramer, "§4.1; Borji §2"), Both, [RfgsmAlpha], s => new Rfgsm(s.Epsilon, alpha: s.StepSize, s.Norm))
        { Seeded = true, StepAtMostEpsilon = true, OneStep = true },
        new("bim", "BIM: basic iterative method",
            "FGSM repeated with a small step α, clipped to the ε-ball after each step, from the clean image (\"iter. basic\").",
            new(Papers.Kurakin, "§2.2"), Both, [KurakinSteps, KurakinStepSize], s => new Bim(s.Threat, s.Steps, s.StepSize)),
        new("iter-ll", "Iter. l.l.: iterative least likely class",
            "BIM towards the least likely class: many small targeted steps.",
            new(Papers.Kurakin, "§2.2"), Both, [KurakinSteps, KurakinStepSize], s => new IterLeastLikely(s.Threat, s.Steps, s.StepSize)),
        new("epgd", "EPGD: PGD on the expected gradient (EOT)",
            "PGD whose every gradient is the average over m noisy copies of the input: the attack on a randomized (smoothed) model.",
            new(Papers.Nemcovsky, "§4 (expectation PGD)"), Both, [PgdSteps, PgdStepSize, AttackKnobs.EotSamples],
            s => new Epgd(s.Threat, Steps(s, PgdSteps), s.StepSize ?? PgdStep(s.Norm, s.Epsilon, Steps(s, PgdSteps)), s.Samples, s.RandomStart))
        { RandomStart = true, Seeded = true },
        new("bpda-pgd", "BPDA-PGD: PGD through ReLU's gradient",
            "PGD whose backward passes go through plain ReLU in place of JumpReLU or SReLU: it sees through a defense that only masks the gradient.",
            new(Papers.Athalye, "§4.1; Borji Fig. 8"), Both, [PgdSteps, PgdStepSize],
            s => new BpdaPgd(s.Threat, Steps(s, PgdSteps), s.StepSize ?? PgdStep(s.Norm, s.Epsilon, Steps(s, PgdSteps)), s.RandomStart))
        { RandomStart = true, Seeded = true },
        new("bpda-pgd-margin", "BPDA-PGD on the margin loss",
            "BPDA-PGD ascending C&W's margin maxⱼ≠y zⱼ − z_y instead of cross-entropy: its gradient does not vanish when the softmax saturates (SReLU at large α).",
            new(Papers.Athalye, "§4.1; Carlini & Wagner §V (margin loss)"), Both, [PgdSteps, PgdStepSize],
            s => new BpdaPgd(s.Threat, Steps(s, PgdSteps), s.StepSize ?? PgdStep(s.Norm, s.Epsilon, Steps(s, PgdSteps)), s.RandomStart, marginLoss: true))
        { RandomStart = true, Seeded = true },
        new("deepfool", "DeepFool: to the nearest linearised boundary",
            "Steps to the nearest decision boundary of the model linearised at the current point, until the label flips: a minimal perturbation.",
            new(Papers.DeepFool, "§3; JumpReLU §4"), Both,
            [AttackKnobs.Steps(50, "Iteration cap; most images flip within a few (JumpReLU Table 2: 7).", null, a => (a as DeepFool)?.MaxIterations),
                AttackKnobs.Overshoot, AttackKnobs.Candidates],
            s => new DeepFool(s.Norm, s.Epsilon, Steps(s, "deepfool"), s.Overshoot, s.Candidates))
        { MinimalPerturbation = true },
        new("cw", "Carlini–Wagner L2",
            "Minimises ‖δ‖₂² + c·(margin loss) with Adam in tanh space, searching c by bisection: the smallest L2 perturbation it can find.",
            new(Papers.CarliniWagner, "§V"), [LpNorm.L2],
            [AttackKnobs.Steps(100, "Adam steps per value of c (the paper's 10,000 are too slow for a page).", null, a => (a as CarliniWagner)?.Steps),
                AttackKnobs.BinarySearchSteps, AttackKnobs.LearningRate, AttackKnobs.InitialConst, AttackKnobs.Confidence],
            s => new CarliniWagner(s.Norm, s.Epsilon, Steps(s, "cw"), s.BinarySearchSteps, s.LearningRate ?? (float)AttackKnobs.LearningRate.Knob.Default,
                s.InitialConst, s.Confidence))
        { MinimalPerturbation = true },
        new("trust-region", "Trust region: adaptive first-order steps",
            "Steps towards the most promising boundary within a trust radius that grows while the linear model predicts well: close to C&W at a fraction of the cost.",
            new(Papers.TrustRegion, "; JumpReLU §4"), Both,
            [AttackKnobs.Steps(1000, "Iteration cap; most images stop far earlier.", Papers.JumpReLU + ", §4 (1,000 steps for the trust region)",
                a => (a as TrustRegion)?.MaxIterations), AttackKnobs.TrustRadius, AttackKnobs.Overshoot, AttackKnobs.Candidates],
            s => new TrustRegion(s.Norm, s.Epsilon, Steps(s, "trust-region"), s.StepSize, s.Overshoot, s.Candidates))
        { MinimalPerturbation = true },
        new("apgd-ce", "APGD-CE: auto-PGD on cross-entropy",
            "PGD with momentum whose step size halves at checkpoints when progress stalls: no step size to tune (AutoAttack's first attack).",
            new(Papers.CroceHein, "§3"), Both, [AutoSteps(a => (a as Apgd)?.Steps)], s => new Apgd(s.Threat, Steps(s, "apgd-ce")))
        { Seeded = true },
        new("apgd-t", "APGD-T: targeted auto-PGD on the DLR loss",
            "Auto-PGD on the targeted difference-of-logits-ratio loss, once for each of the 9 most likely other classes: scale-invariant, so a saturated softmax cannot hide the gradient.",
            new(Papers.CroceHein, "§4 (DLR loss), §5 (the standard version: 9 targets)"), Both, [AutoSteps(a => (a as ApgdTargeted)?.Steps)],
            s => new ApgdTargeted(s.Threat, Steps(s, "apgd-t")))
        { Seeded = true },
        new("fab-t", "FAB-T: targeted fast adaptive boundary",
            "Projects onto the linearised boundary towards each of the 9 most likely other classes, biased back to the clean image: small perturbations without a step size.",
            new(Papers.CroceHeinFab, "§3; AutoAttack §5"), Both, [AutoSteps(a => (a as FabTargeted)?.Steps)],
            s => new FabTargeted(s.Threat, Steps(s, "fab-t")))
        { Seeded = true },
        new("square", "Square: black-box random search",
            "Random square-shaped changes at the corners of the ε-ball, kept when they lower the margin: needs only the model's outputs, so masked gradients do not stop it.",
            new(Papers.Square, "§3; AutoAttack §5"), Both, [AttackKnobs.Queries], s => new Square(s.Threat, s.Queries ?? 5000))
        { Seeded = true, BlackBox = true },
        new("autoattack", "AutoAttack: the standard ensemble",
            "APGD-CE, then APGD-T, FAB-T and Square, each only on the images still classified correctly: the field's standard robustness evaluation.",
            new(Papers.CroceHein, "§5 (standard version)"), Both, [AutoSteps(a => (a as AutoAttack)?.Steps), AttackKnobs.Queries],
            s => new AutoAttack(s.Threat, Steps(s, "autoattack"), s.Queries ?? 5000))
        { Seeded = true },
        new("nattack", "NAttack: learning a distribution of adversarial examples",
            "Black-box: fits a Gaussian search distribution in tanh space by natural-evolution-strategy updates from the model's outputs alone.",
            new(Papers.NAttack, "§3; Nemcovsky §5 (the black-box attacker)"), Both,
            [AttackKnobs.Steps(500, "Updates of the search distribution.", Papers.NAttack + ", §4 (500 iterations)", a => (a as NAttack)?.Iterations),
                AttackKnobs.Population],
            s => new NAttack(s.Threat, Steps(s, "nattack"), s.Population ?? 300))
        { Seeded = true, BlackBox = true },
    ];

    private static readonly Dictionary<string, AttackEntry> ByName = All.ToDictionary(a => a.Name);

    /// <summary>Every attack's CLI name, in menu order.</summary>
    public static IReadOnlyCollection<string> Names { get; } = [.. All.Select(a => a.Name)];

    /// <summary>The one-step methods adversarial training can use (Kurakin et al. App. A), in menu order.</summary>
    public static IReadOnlyList<AttackEntry> OneStep { get; } = [.. All.Where(a => a.OneStep)];

    /// <summary>Whether <paramref name="name"/> is an attack of the catalog.</summary>
    public static bool Contains(string? name) => name is not null && ByName.ContainsKey(name);

    /// <summary>The entry of <paramref name="name"/>; throws <see cref="ArgumentException"/> naming the known attacks otherwise.</summary>
    public static AttackEntry Get(string name) =>
        ByName.TryGetValue(name, out var entry) ? entry : throw new ArgumentException($"Unknown attack '{name}'. Known: {string.Join(", ", Names)}.");

    /// <summary>The entry of <paramref name="name"/>, or null.</summary>
    public static AttackEntry? Find(string? name) => name is not null && ByName.TryGetValue(name, out var entry) ? entry : null;

    /// <summary>The attack <paramref name="name"/> with <paramref name="settings"/> (the norm forced to the method's own).</summary>
    public static Attack Create(string name, AttackSettings settings) => Get(name).Create(settings);

    /// <summary>The PGD family's default step: 0.01 in L∞ (Madry et al.'s MNIST setup, JumpReLU §4), 2.5·ε/t in L2 (Madry et al.).</summary>
    public static float PgdStep(LpNorm norm, float epsilon, int steps) =>
        norm == LpNorm.Linf ? 0.01f : float.IsFinite(epsilon) ? 2.5f * epsilon / Math.Max(steps, 1) : (float)AttackKnobs.EpsilonL2.Step;

    private static AttackKnob AutoSteps(Func<Attack, double?> read) =>
        AttackKnobs.Steps(100, "Iterations (per restart and target).", Papers.CroceHein + ", §5 (100 iterations in the standard version)", read);

    private static int Steps(AttackSettings s, AttackKnob knob) => s.Steps ?? (int)knob.Knob.Default;

    private static int Steps(AttackSettings s, string attack) => s.Steps ?? (int)Get(attack).Knob(Catalog.AttackSetting.Steps)!.Knob.Default;
}
