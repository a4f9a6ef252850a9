namespace RobustLab.Engine.Attacks;

/// <summary>Every attack by its CLI name. Adding an attack = one file + one line here; the CLI, the UI and the tests enumerate this list.</summary>
public static class AttackCatalog
{
    private static readonly Dictionary<string, Func<AttackSettings, Attack>> Factories = new()
    {
        ["fgsm"] = s => new Fgsm(s.Epsilon, s.Norm),
        ["fgsm-targeted"] = s => new Fgsm(s.Epsilon, s.Norm, targeted: true),
        ["pgd"] = s => new Pgd(s.Threat, s.Steps ?? 40, s.StepSize ?? s.Epsilon / 4, s.RandomStart),
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
