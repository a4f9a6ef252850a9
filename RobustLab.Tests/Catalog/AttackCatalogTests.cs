using RobustLab.Engine.Attacks;
using RobustLab.Engine.Catalog;

namespace RobustLab.Tests.Catalog;

// The catalog is what every page and the CLI show: each entry must describe the attack it builds, exactly.
public sealed class AttackCatalogTests
{
    public static TheoryData<string> Attacks => [.. AttackCatalog.Names];

    [Theory]
    [MemberData(nameof(Attacks))]
    public void An_entry_describes_the_attack_it_builds(string name)
    {
        var entry = AttackCatalog.Get(name);
        Assert.False(string.IsNullOrWhiteSpace(entry.Title));
        Assert.False(string.IsNullOrWhiteSpace(entry.Summary));
        Assert.False(string.IsNullOrWhiteSpace(entry.Source.Paper));
        Assert.NotEmpty(entry.Norms);
        foreach (var norm in entry.Norms)
        {
            var attack = entry.Create(new AttackSettings(norm, (float)AttackKnobs.Epsilon(norm).Default));
            Assert.Equal(entry.Targeted, attack.Targeted);
            foreach (var knob in entry.Knobs)
            {
                var range = knob.For(norm);
                Assert.Null(range.Check(range.Default)); // the default is in its own range
                Assert.False(string.IsNullOrWhiteSpace(range.Help));
                // The value the attack holds when the knob is left unset: a fixed default is the catalog's, shown on every page.
                // (An automatic default may be "none": DeepFool's candidate classes default to all of them.)
                var held = knob.Read!.Invoke(attack);
                if (!knob.Auto) Assert.Equal(range.Default, Assert.NotNull(held), 1e-6);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Every_knob_value_the_pages_set_reaches_the_attack(string name)
    {
        var entry = AttackCatalog.Get(name);
        var norm = entry.Norms[0];
        var settings = new AttackSettings(norm, (float)AttackKnobs.Epsilon(norm).Default);
        foreach (var knob in entry.Knobs)
        {
            var range = knob.For(norm);
            double value = entry.StepAtMostEpsilon && knob.Setting == AttackSetting.StepSize ? 0.1 : range.Clamp(range.Default + 2 * range.Step, range.Default);
            settings = knob.Set(settings, value);
            Assert.Equal(value, knob.Get(settings)!.Value, 1e-6);
            Assert.Equal(value, knob.Read!(entry.Create(settings))!.Value, 1e-6);
        }
    }

    [Fact]
    public void The_catalog_keeps_the_old_name_and_factory_api()
    {
        Assert.Equal(AttackCatalog.All.Select(a => a.Name), AttackCatalog.Names);
        Assert.Equal(AttackCatalog.Names.Count, AttackCatalog.Names.Distinct().Count());
        Assert.IsType<Pgd>(AttackCatalog.Create("pgd", new AttackSettings()));
        Assert.Contains("Known:", Assert.Throws<ArgumentException>(() => AttackCatalog.Create("nonsense", new AttackSettings())).Message);
    }

    [Fact]
    public void Pgds_default_step_is_madry_et_al_s_not_a_quarter_of_epsilon()
    {
        var pgd = (Pgd)AttackCatalog.Create("pgd", new AttackSettings(LpNorm.Linf, 0.325f));
        Assert.Equal((40, 0.01f), (pgd.Steps, pgd.StepSize)); // was 40 steps of ε/4 = 0.08125
        var l2 = (Pgd)AttackCatalog.Create("pgd", new AttackSettings(LpNorm.L2, 2f));
        Assert.Equal(2.5f * 2f / 40, l2.StepSize, 1e-6);
        var step = AttackCatalog.Get("pgd").Knob(AttackSetting.StepSize)!;
        Assert.Contains("JumpReLU §4", step.Knob.Source);
        Assert.Contains("2.5·ε/t", step.Knob.Source);
        Assert.Contains("JumpReLU", AttackCatalog.Get("trust-region").Knob(AttackSetting.Steps)!.Knob.Source);
        Assert.Equal(1000, ((TrustRegion)AttackCatalog.Create("trust-region", new AttackSettings())).MaxIterations);
    }

    [Fact]
    public void The_description_names_what_the_attack_runs_with()
    {
        var entry = AttackCatalog.Get("pgd");
        Assert.Equal("pgd · L∞ ε = 0.3 · t = 40 · α = 0.01 · random start · seed 3", entry.Describe(new AttackSettings(), seed: 3));
        Assert.Equal("fgsm · L2 ε = 2", AttackCatalog.Get("fgsm").Describe(new AttackSettings(LpNorm.L2, 2), seed: 3)); // FGSM draws nothing: no seed
        Assert.StartsWith("cw · L2 unbounded · t = 100 · s = 5", AttackCatalog.Get("cw").Describe(new AttackSettings(LpNorm.Linf, float.PositiveInfinity)));
    }

    [Fact]
    public void Defense_defaults_start_where_the_trade_off_is_visible()
    {
        // On these models κ = 0.5 plays the paper's κ = 1, and clean accuracy collapses past ~1.5 (README, JumpReLU notes).
        Assert.Equal(0.5, DefenseCatalog.Kappa.Default);
        Assert.True(DefenseCatalog.Kappa.Max >= 1.5);
        foreach (var activation in DefenseCatalog.Activations.Where(a => a.Parameter is not null))
            Assert.Null(activation.Parameter!.Check(activation.Parameter.Default));
        Assert.Equal("pixel units of [0,1]", AttackKnobs.EpsilonLinf.Unit);
        Assert.Equal("pixel units of [0,1]", DefenseCatalog.Sigma.Unit);
    }

    [Theory]
    [InlineData("jumprelu:0.5", "JumpReLU κ = 0.5")]
    [InlineData("srelu:10", "SReLU α = 10")]
    [InlineData("relu", "ReLU")]
    [InlineData("tanh", "tanh")]
    public void Activation_specs_read_as_labels(string spec, string label) => Assert.Equal(label, DefenseCatalog.ActivationLabel(spec));
}
