using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Metrics;

namespace RobustLab.Tests.Attacks;

/// <summary>
/// The table every attack in the catalog must pass (the foolbox way): the threat model holds,
/// the same seed gives the same result, and accuracy drops on a trained model.
/// </summary>
public sealed class AttackContractTests
{
    public static TheoryData<string, LpNorm> Cases()
    {
        var data = new TheoryData<string, LpNorm>();
        foreach (var name in AttackCatalog.Names)
            foreach (var norm in new[] { LpNorm.Linf, LpNorm.L2 })
                if (!Unsupported.Contains((name, norm))) data.Add(name, norm);
        return data;
    }

    /// <summary>Pairs an attack rejects by design (C&amp;W is the L2 attack); <see cref="Unsupported_norms_are_rejected"/> holds them to it.</summary>
    private static readonly (string Name, LpNorm Norm)[] Unsupported = [("cw", LpNorm.Linf)];

    // Minimal-perturbation attacks search for the smallest adversarial and stop per example once they find one, so their Steps
    // caps a search rather than spending a budget: trust-region runs at its own cap. C&W's defaults cost 500 gradients per
    // image; the contract runs it with one strong c (10) for 30 steps — enough to fool within ε, at the cost of 30 PGD steps.
    private static readonly Dictionary<string, Func<AttackSettings, AttackSettings>> Overrides = new()
    {
        ["trust-region"] = s => s with { Steps = null },
        ["cw"] = s => s with { Steps = 30, BinarySearchSteps = 1, InitialConst = 10f },
    };

    private static AttackSettings Settings(string name, LpNorm norm)
    {
        var settings = new AttackSettings(norm, norm == LpNorm.Linf ? 0.2f : 3f, Steps: 10, Samples: 4);
        return Overrides.TryGetValue(name, out var adjust) ? adjust(settings) : settings;
    }

    private static int[] TargetsFor(int[] labels) => labels.Select(l => (l + 1) % 10).ToArray();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Threat_model_holds_and_accuracy_drops(string name, LpNorm norm)
    {
        var settings = Settings(name, norm);
        var attack = AttackCatalog.Create(name, settings);
        var model = new NetworkClassifier(TrainedModel.Load());
        var data = TrainedModel.MnistTest(64);
        var result = attack.Run(model, data.Images, data.Labels, new AttackContext(TargetsFor(data.Labels), Seed: 1));

        Assert.All(result.Adversarial.Data, v => Assert.InRange(v, 0f, 1f));
        var bound = norm == LpNorm.Linf ? result.Linf : result.L2;
        Assert.All(bound, d => Assert.True(d <= settings.Epsilon + 1e-5f, $"{name}: ‖δ‖ = {d} > ε = {settings.Epsilon}"));
        float clean = result.CleanPredictions.Zip(data.Labels).Count(p => p.First == p.Second) / (float)data.Count;
        float adversarial = result.AdversarialPredictions.Zip(data.Labels).Count(p => p.First == p.Second) / (float)data.Count;
        Assert.True(adversarial < clean - 0.2f, $"{name} ({norm}): accuracy {clean:P0} → {adversarial:P0}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Same_seed_same_result(string name, LpNorm norm)
    {
        var attack = AttackCatalog.Create(name, Settings(name, norm));
        var data = TrainedModel.MnistTest(8, offset: 100);
        var context = new AttackContext(TargetsFor(data.Labels), Seed: 7);
        var a = attack.Run(new NetworkClassifier(TrainedModel.Load()), data.Images, data.Labels, context);
        var b = attack.Run(new NetworkClassifier(TrainedModel.Load()), data.Images, data.Labels, context);
        Assert.Equal(a.Adversarial.Data, b.Adversarial.Data);
    }

    [Fact]
    public void Unsupported_norms_are_rejected()
    {
        foreach (var (name, norm) in Unsupported)
        {
            var e = Assert.Throws<ArgumentException>(() => AttackCatalog.Create(name, Settings(name, norm)));
            Assert.Contains(name, e.Message);
        }
    }

    [Fact]
    public void Catalog_rejects_unknown_names()
    {
        var e = Assert.Throws<ArgumentException>(() => AttackCatalog.Create("gradient-magic", new AttackSettings()));
        Assert.Contains("fgsm", e.Message);
    }

    [Fact]
    public void Clean_predictions_match_the_evaluator()
    {
        var net = TrainedModel.Load();
        var data = TrainedModel.MnistTest(32);
        var result = new Fgsm(0.1f).Run(new NetworkClassifier(net), data.Images, data.Labels);
        Assert.Equal(Evaluator.Predict(net, data.Images), result.CleanPredictions);
    }
}
