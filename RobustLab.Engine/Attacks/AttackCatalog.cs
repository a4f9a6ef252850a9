namespace RobustLab.Engine.Attacks;

/// <summary>Every attack by its CLI name. Adding an attack = one file + one line here; the CLI, the UI and the tests enumerate this list.</summary>
public static class AttackCatalog
{
    private static readonly Dictionary<string, Func<AttackSettings, Attack>> Factories = new()
    {
        ["fgsm"] = s => new Fgsm(s.Epsilon, s.Norm),
        ["fgsm-targeted"] = s => new Fgsm(s.Epsilon, s.Norm, targeted: true),
        ["pgd"] = s => new Pgd(s.Threat, s.Steps ?? 40, s.StepSize ?? s.Epsilon / 4, s.RandomStart),
        ["fgsm-pred"] = s => new FgsmPred(s.Epsilon, s.Norm),
        ["fast-entropy"] = s => new FastEntropy(s.Epsilon, s.Norm),
        ["fast-grad-l2"] = s => new FastGrad(s.Epsilon, LpNorm.L2), // NOTE: the norm is the method's own; s.Norm is ignored and ε is an L2 length.
        ["fast-grad-linf"] = s => new FastGrad(s.Epsilon, LpNorm.Linf), // NOTE: the norm is the method's own; s.Norm is ignored and ε is an L∞ bound.
        ["step-ll"] = s => new StepLeastLikely(s.Epsilon, s.Norm),
        ["step-rnd"] = s => new StepRandom(s.Epsilon, s.Norm),
        ["random-sign"] = s => new RandomSign(s.Epsilon, s.Norm),
        ["random-normal"] = s => new RandomNormal(s.Epsilon, s.Norm),
        ["rfgsm"] = s => new Rfgsm(s.Epsilon, alpha: s.StepSize, s.Norm),
        ["bim"] = s => new Bim(s.Threat, s.Steps, s.StepSize),
        ["iter-ll"] = s => new IterLeastLikely(s.Threat, s.Steps, s.StepSize),
        ["epgd"] = s => new Epgd(s.Threat, s.Steps ?? 40, s.StepSize ?? s.Epsilon / 4, s.Samples, s.RandomStart),
        ["bpda-pgd"] = s => new BpdaPgd(s.Threat, s.Steps ?? 40, s.StepSize ?? s.Epsilon / 4, s.RandomStart),
        ["bpda-pgd-margin"] = s => new BpdaPgd(s.Threat, s.Steps ?? 40, s.StepSize ?? s.Epsilon / 4, s.RandomStart, marginLoss: true),
        ["deepfool"] = s => new DeepFool(s.Norm, s.Epsilon, s.Steps ?? 50, s.Overshoot, s.Candidates),
        ["cw"] = s => new CarliniWagner(s.Norm, s.Epsilon, s.Steps ?? 100, s.BinarySearchSteps, s.LearningRate ?? 0.1f, s.InitialConst, s.Confidence),
        ["trust-region"] = s => new TrustRegion(s.Norm, s.Epsilon, s.Steps ?? 1000, s.StepSize, s.Overshoot, s.Candidates),
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    public static Attack Create(string name, AttackSettings settings) =>
        Factories.TryGetValue(name, out var make)
            ? make(settings)
            : throw new ArgumentException($"Unknown attack '{name}'. Known: {string.Join(", ", Factories.Keys)}.");
}
