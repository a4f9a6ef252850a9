using RobustLab.Engine.Catalog;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Layers.Activations;
using RobustLab.Web.Services.Lab;

namespace RobustLab.Tests.Web.Lab;

public sealed class LabStateTests
{
    private static LabImage Digit(int? label = 7) => LabImage.Validated(new float[784], label, ImageSource.Mnist, "test #0", 0);

    [Fact]
    public void Numbers_are_clamped_to_their_ranges_and_rounded()
    {
        var state = new LabState();
        state.Epsilon = 5;
        Assert.Equal(1, state.Epsilon);
        state.Epsilon = -1;
        Assert.Equal(0, state.Epsilon);
        state.Epsilon = 0.123456;
        Assert.Equal(0.1235, state.Epsilon);
        state.Kappa = 99;
        Assert.Equal(DefenseCatalog.Kappa.Max, state.Kappa);
        state.Alpha = 0;
        Assert.Equal(DefenseCatalog.Alpha.SliderMin, state.Alpha); // α > 0: the smallest slider value
        state.Steps = 100_000;
        Assert.Equal(AttackKnobs.MaxSteps, state.Steps);
        state.Samples = 0;
        Assert.Equal(1, state.Samples);
        state.Seed = -5;
        Assert.Equal(0, state.Seed);
        state.TargetClass = 12;
        Assert.Equal(9, state.TargetClass);
    }

    [Fact]
    public void Nan_and_infinities_never_get_through()
    {
        var state = new LabState { Epsilon = 0.2 };
        state.Epsilon = double.NaN;
        Assert.Equal(0.2, state.Epsilon);
        state.Sigma = double.PositiveInfinity;
        Assert.Equal(DefenseCatalog.Sigma.Max, state.Sigma);
        state.Scale = double.NegativeInfinity;
        Assert.Equal(DefenseCatalog.Scale.SliderMin, state.Scale);
    }

    [Fact]
    public void Unknown_names_and_enum_values_are_ignored()
    {
        var state = new LabState();
        state.Attack = "no-such-attack";
        Assert.Equal("pgd", state.Attack);
        state.Activation = "nonsense";
        Assert.Equal("relu", state.Activation);
        state.Norm = (LpNorm)7;
        Assert.Equal(LpNorm.Linf, state.Norm);
        Assert.False(state.SetModel("../../etc/passwd", ["lenet-like", "borji-mnist"]));
        Assert.Equal("lenet-like", state.Model);
        Assert.True(state.SetModel("borji-mnist", ["lenet-like", "borji-mnist"]));
        Assert.Equal("borji-mnist", state.Model);
    }

    [Fact]
    public void Switching_the_norm_moves_epsilon_and_step_size_to_that_norms_range()
    {
        var state = new LabState { Epsilon = 0.1 };
        state.Norm = LpNorm.L2;
        Assert.Same(AttackKnobs.EpsilonL2, state.EpsilonKnob);
        Assert.Equal(LabState.DefaultEpsilon(LpNorm.L2), state.Epsilon);
        state.Epsilon = 7.5;
        Assert.Equal(7.5, state.Epsilon); // above the L∞ maximum, fine in L2
        state.Norm = LpNorm.Linf;
        Assert.Equal(0.3, state.Epsilon);
    }

    [Fact]
    public void An_attack_with_its_own_norm_fixes_the_epsilon_range()
    {
        var state = new LabState { Attack = "fast-grad-l2" };
        Assert.NotNull(state.Entry.FixedNorm);
        Assert.Equal(LpNorm.L2, state.EffectiveNorm);
        Assert.Equal(LabState.DefaultEpsilon(LpNorm.L2), state.Epsilon);
        Assert.Equal(LpNorm.L2, state.BuildAttackSettings().Norm);
    }

    [Fact]
    public void Controls_follow_the_attack()
    {
        var pgd = AttackCatalog.Get("pgd");
        Assert.True(pgd.Knob(AttackSetting.Steps) is not null && pgd.Knob(AttackSetting.StepSize) is not null && pgd.RandomStart && pgd.Seeded && !pgd.Targeted);
        var fgsm = AttackCatalog.Get("fgsm");
        Assert.False(fgsm.Knobs.Count > 0 || fgsm.RandomStart || fgsm.Seeded || fgsm.Targeted);
        Assert.True(AttackCatalog.Get("fgsm-targeted").Targeted);
        Assert.NotNull(AttackCatalog.Get("epgd").Knob(AttackSetting.Samples));
        Assert.True(AttackCatalog.Get("rfgsm").StepAtMostEpsilon);
        Assert.True(AttackCatalog.Get("step-rnd").Seeded);
    }

    [Fact]
    public void Settings_carry_only_what_the_attack_reads()
    {
        var state = new LabState { Attack = "fgsm", Steps = 10, AutoStepSize = false, StepSize = 0.02 };
        var fgsm = state.BuildAttackSettings();
        Assert.Null(fgsm.Steps);
        Assert.Null(fgsm.StepSize);
        Assert.False(fgsm.RandomStart);

        state.Attack = "pgd";
        var pgd = state.BuildAttackSettings();
        Assert.Equal((LpNorm.Linf, 0.3f, 10, 0.02f, true), (pgd.Norm, pgd.Epsilon, pgd.Steps, pgd.StepSize, pgd.RandomStart));
        state.AutoStepSize = true;
        Assert.Null(state.BuildAttackSettings().StepSize);
    }

    [Fact]
    public void Rfgsm_keeps_its_random_step_within_epsilon()
    {
        var state = new LabState { Attack = "rfgsm", AutoStepSize = false, Epsilon = 0.2, StepSize = 0.4 };
        Assert.Equal(0.2, state.StepSize);
        state.Epsilon = 0.1;
        Assert.Equal(0.1, state.StepSize);
        var attack = AttackCatalog.Create(state.Attack, state.BuildAttackSettings());
        Assert.Equal(0.1f, ((Rfgsm)attack).Alpha);
    }

    [Fact]
    public void Minimal_perturbation_attacks_may_drop_the_budget()
    {
        var state = new LabState { Attack = "deepfool", Unbounded = true, Epsilon = 0.2 };
        Assert.True(state.Entry.MinimalPerturbation);
        Assert.True(state.EpsilonUnused);
        Assert.Equal(float.PositiveInfinity, state.BuildAttackSettings().Epsilon);
        Assert.Equal(0.2, state.Epsilon); // kept for when the budget comes back
        state.Attack = "pgd";
        Assert.False(state.EpsilonUnused);
        Assert.Equal(0.2f, state.BuildAttackSettings().Epsilon);
        state.Attack = "cw";
        Assert.Equal(LpNorm.L2, state.EffectiveNorm);
        Assert.Equal(float.PositiveInfinity, state.BuildAttackSettings().Epsilon);
    }

    [Fact]
    public void The_effective_step_size_comes_from_the_attack_itself()
    {
        var state = new LabState { Attack = "pgd", Epsilon = 0.2 };
        Assert.Equal(0.01f, state.EffectiveStepSize()); // PGD's default: Madry et al.'s 0.01 on MNIST (JumpReLU §4), not ε/4
        state.Attack = "rfgsm";
        Assert.Equal(0.1f, state.EffectiveStepSize());  // R-FGSM's default ε/2
        state.AutoStepSize = false;
        state.StepSize = 0.03;
        Assert.Equal(0.03f, state.EffectiveStepSize());
        state.Attack = "fgsm";
        Assert.Null(state.EffectiveStepSize());
    }

    [Theory]
    [InlineData("relu", "relu", typeof(ReLU))]
    [InlineData("jumprelu", "jumprelu:0.75", typeof(JumpReLU))]
    [InlineData("rjumprelu", "rjumprelu:1.5", typeof(RandomizedJumpReLU))]
    [InlineData("srelu", "srelu:10", typeof(SlopedReLU))]
    public void The_activation_maps_to_the_engines_catalog(string choice, string spec, Type type)
    {
        var state = new LabState { Activation = choice, Kappa = 0.75, B = 1.5, Alpha = 10 };
        Assert.Equal(spec, state.ActivationSpec);
        var activation = state.BuildActivation();
        Assert.IsType(type, activation);
        Assert.Equal(spec, activation.Spec);
        Assert.Equal(choice != "relu", state.DefenseOn);
        Assert.Equal(choice != "relu", state.BpdaApplies);
    }

    [Fact]
    public void Smoothing_and_input_scaling_map_to_engine_specs()
    {
        var state = new LabState { Smoothing = true, Sigma = 0.5, Samples = 16, Vote = SmoothingVote.Soft, InputScaling = true, Scale = 10, ScaleClip = false };
        Assert.Equal(new SmoothingSpec(0.5f, 16, SmoothingVote.Soft), state.BuildSmoothing());
        Assert.Equal(new InputScalingSpec(10f, false), state.BuildInputScaling());
        Assert.Equal("10:noclip", state.BuildInputScaling()!.Text);
        Assert.True(state.DefenseOn);
        state.Smoothing = state.InputScaling = false;
        Assert.Null(state.BuildSmoothing());
        Assert.Null(state.BuildInputScaling());
        Assert.False(state.DefenseOn);
    }

    [Fact]
    public void A_request_needs_an_image_and_freezes_the_settings()
    {
        var state = new LabState();
        Assert.Null(state.ToRequest());
        state.SetImage(Digit());
        state.Activation = "jumprelu";
        state.Bpda = true;
        state.Compare = true;
        var request = state.ToRequest()!;
        Assert.Equal(state.Version, request.Version);
        Assert.Equal("jumprelu:0.5", request.ActivationSpec); // κ starts where the trade-off is visible here (the paper's κ = 1)
        Assert.True(request.Bpda && request.Compare && request.Defended);
        state.Epsilon = 0.1;
        Assert.Equal(0.3f, request.Settings.Epsilon);
        Assert.True(state.ToRequest()!.Version > request.Version);
    }

    [Fact]
    public void The_target_mode_maps_to_the_engines_target_choice()
    {
        var state = new LabState { TargetMode = TargetMode.Class, TargetClass = 4 };
        Assert.Equal(TargetChoice.Fixed(4), state.BuildTarget());
        state.TargetMode = TargetMode.LeastLikely;
        Assert.Same(TargetChoice.LeastLikely, state.BuildTarget());
        state.TargetMode = TargetMode.Random;
        Assert.Same(TargetChoice.Random, state.BuildTarget());
        state.TargetMode = null!;
        Assert.Same(TargetChoice.Random, state.BuildTarget());
    }

    [Fact]
    public void Bpda_and_compare_need_a_defense()
    {
        var state = new LabState { Bpda = true, Compare = true };
        state.SetImage(Digit());
        var request = state.ToRequest()!;
        Assert.False(request.Bpda);
        Assert.False(request.Compare);
        Assert.False(request.Defended);
    }

    [Fact]
    public void Every_catalog_attack_gets_settings_it_accepts_from_the_default_state()
    {
        foreach (var name in AttackCatalog.Names)
        {
            var state = new LabState { Attack = name, AutoStepSize = false };
            var attack = AttackCatalog.Create(name, state.BuildAttackSettings());
            Assert.Equal(state.Entry.Targeted, attack.Targeted);
        }
    }
}
