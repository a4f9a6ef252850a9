using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Metrics;
using RobustLab.Tests.Cli;

namespace RobustLab.Tests.Attacks;

/// <summary>
/// The table every attack in the catalog must pass (the foolbox way): the threat model holds,
/// the same seed gives the same result, and accuracy drops on a trained model.
/// </summary>
public sealed class AttackContractTests
{
    /// <summary>Attacks whose norm is part of their definition: the catalog ignores <see cref="AttackSettings.Norm"/>, so they run in their own norm only.</summary>
    private static readonly Dictionary<string, LpNorm> OwnNorm = new()
    {
        ["fast-grad-l2"] = LpNorm.L2,
        ["fast-grad-linf"] = LpNorm.Linf,
    };

    /// <summary>
    /// Noise baselines (Kurakin App. A "random perturbations"): they never look at the gradient, so they are not
    /// expected to drop accuracy by 20 points. Instead they must move every image, and hurt much less than FGSM
    /// with the same budget (less than half its drop) — the point of a baseline.
    /// </summary>
    private static readonly HashSet<string> Baselines = ["random-sign", "random-normal"];

    /// <summary>
    /// Attacks that by definition spend only part of an L∞ budget, held to the 20-point drop at a larger ε.
    /// Fast grad L∞ moves only the largest-gradient pixel by ε, the rest by ε·|gᵢ|/‖g‖∞: on these images its mean
    /// ‖δ‖₂ at ε = 0.5 (≈ 2.0) is still half of FGSM's at ε = 0.2 (≈ 4.1), so the bar is not lower than FGSM's.
    /// NAttack searches in tanh space, x̃ = ½(tanh(arctanh(2x − 1) + z) + 1): a pixel at exactly 0 sits at arctanh(−0.999999) ≈ −7.3, where
    /// its samples barely move, so on MNIST (mostly black background) its L∞ budget goes to the strokes only and ε 0.2 buys little.
    /// </summary>
    private static readonly Dictionary<string, float> LinfBudget = new() { ["fast-grad-linf"] = 0.5f, ["nattack"] = 0.5f };

    public static TheoryData<string, LpNorm> Cases()
    {
        var data = new TheoryData<string, LpNorm>();
        foreach (var name in AttackCatalog.Names)
        {
            foreach (var norm in new[] { LpNorm.Linf, LpNorm.L2 })
                if ((!OwnNorm.TryGetValue(name, out var own) || own == norm) && !Unsupported.Contains((name, norm))) data.Add(name, norm);
        }
        return data;
    }

    /// <summary>Pairs an attack rejects by design (C&amp;W is the L2 attack); <see cref="A_method_with_its_own_norm_runs_in_it_and_the_cli_refuses_another"/> holds them to it.</summary>
    private static readonly (string Name, LpNorm Norm)[] Unsupported = [("cw", LpNorm.Linf)];

    // Minimal-perturbation attacks search for the smallest adversarial and stop per example once they find one, so their Steps
    // caps a search rather than spending a budget: trust-region runs at its own cap. C&W's defaults cost 500 gradients per
    // image; the contract runs it with one strong c (10) for 30 steps — enough to fool within ε, at the cost of 30 PGD steps.
    private static readonly Dictionary<string, Func<AttackSettings, AttackSettings>> Overrides = new()
    {
        ["trust-region"] = s => s with { Steps = null },
        ["cw"] = s => s with { Steps = 30, BinarySearchSteps = 1, InitialConst = 10f },
        // Black-box budgets cut to keep the table fast: Square's 5000 queries to 500 (alone) and 200 (after AutoAttack's gradient
        // attacks, which leave it few examples); NAttack's 300 samples × 500 updates to 50 × 40.
        ["square"] = s => s with { Queries = 500 },
        ["autoattack"] = s => s with { Queries = 200 },
        ["nattack"] = s => s with { Steps = 40, Population = 50 },
    };

    private static AttackSettings Settings(string name, LpNorm norm)
    {
        var settings = new AttackSettings(norm, norm == LpNorm.L2 ? 3f : LinfBudget.GetValueOrDefault(name, 0.2f), Steps: 10, Samples: 4);
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
        float clean = Accuracy(result.CleanPredictions, data.Labels);
        float adversarial = Accuracy(result.AdversarialPredictions, data.Labels);
        if (!Baselines.Contains(name))
        {
            Assert.True(adversarial < clean - 0.2f, $"{name} ({norm}): accuracy {clean:P0} → {adversarial:P0}");
            return;
        }
        Assert.All(result.L2, d => Assert.True(d > 0, $"{name}: an image was left unperturbed"));
        var fgsm = new Fgsm(settings.Epsilon, norm).Run(model, data.Images, data.Labels);
        float fgsmDrop = clean - Accuracy(fgsm.AdversarialPredictions, data.Labels);
        Assert.True(clean - adversarial < fgsmDrop / 2,
            $"{name} ({norm}): a noise baseline dropped accuracy {clean:P0} → {adversarial:P0}, FGSM only by {fgsmDrop:P0}");
    }

    private static float Accuracy(int[] predictions, int[] labels) =>
        predictions.Zip(labels).Count(p => p.First == p.Second) / (float)labels.Length;

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

    [Theory]
    [MemberData(nameof(Cases))]
    public void Catalog_name_is_the_attacks_own_name(string name, LpNorm norm) =>
        Assert.Equal(name, AttackCatalog.Create(name, Settings(name, norm)).Name);

    [Fact]
    public async Task A_method_with_its_own_norm_runs_in_it_and_the_cli_refuses_another()
    {
        foreach (var (name, norm) in Unsupported)
        {
            // The pages switch attacks without resetting the norm buttons, so the engine runs a fixed-norm method in its norm…
            var attack = Assert.IsType<CarliniWagner>(AttackCatalog.Create(name, Settings(name, norm)));
            Assert.NotEqual(norm, attack.Norm);
            Assert.Equal(AttackCatalog.Get(name).FixedNorm, attack.Norm);
            // …and the command line, where --norm was typed on purpose, says it does not apply instead of ignoring it.
            var r = await CliRunner.RunAsync("eval", "--limit", "1", "--attack", name, "--norm", "linf", "--eps", "0.1");
            Assert.NotEqual(0, r.ExitCode);
            Assert.Contains($"{name} is an L2 attack: --norm linf does not apply", r.Stderr);
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
