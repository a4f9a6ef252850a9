using RobustLab.Engine.Catalog;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Sweeps;
using RobustLab.Tests.Attacks;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Tests.Web.Tradeoffs;

// The Trade-offs settings: server-side validation (each message names the field) and the mapping to the engine's sweeps.
public sealed class TradeoffsStateTests
{
    private static readonly Lazy<ModelSpec> LeNet = new(() => ModelSpec.From(TrainedModel.Load(), "lenet-like"));
    private static readonly Lazy<ModelSpec> Borji = new(() => ModelSpec.From(TrainedModel.Load("borji-mnist"), "borji-mnist"));

    private static ModelSpec Models(string name) => name switch
    {
        "lenet-like" => LeNet.Value,
        "borji-mnist" => Borji.Value,
        _ => throw new ArgumentException($"There is no model called '{name}'."),
    };

    private static SweepPlan Plan(TradeoffsState state) => state.ToPlan(Models, TrainedModel.MnistTest(50));

    private static TradeoffsState Eps(string attack = "fgsm") => new()
    {
        Knob = SweepKnobs.Epsilon, ValuesMode = ValuesMode.List, ValuesText = "0, 0.1, 0.2", Attack = attack, Examples = 20,
        Measures = PlotMeasures.CleanAccuracy | PlotMeasures.AdversarialAccuracy,
    };

    private static void AssertError(TradeoffsState state, string expected) =>
        Assert.Contains(state.Validate(), e => e.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Every_preset_validates_and_maps_to_sweeps_the_engine_accepts()
    {
        foreach (var preset in TradeoffsPresets.All)
        {
            var state = preset.CreateState();
            Assert.True(state.Validate().Count == 0, $"{preset.Id}: {string.Join(" ", state.Validate())}");
            var plan = state.ToPlan(Models, TrainedModel.MnistTest(state.Examples));
            Assert.Equal(state.Knob, plan.Knob);
            Assert.Equal(state.Values(), plan.Values);
            Assert.All(plan.Requests, r => Assert.Equal(state.Examples, r.Setup.Data.Count));
            Assert.True(plan.Work <= TradeoffsLimits.MaxWork, $"{preset.Id}: {plan.Work}");
            Assert.InRange(preset.Explanation.Length, 200, 700); // a short paragraph: what the figure shows, what to look for
            Assert.True(preset.PaperExamples >= state.Examples);
        }
        Assert.Equal(TradeoffsPresets.All.Count, TradeoffsPresets.All.Select(p => p.Id).Distinct().Count());
        Assert.Equal(TradeoffsPresets.All.Count, TradeoffsPresets.All.Select(p => p.Settings).Distinct().Count());
    }

    [Fact]
    public void Presets_set_up_the_papers_experiments()
    {
        var fig4 = Plan(TradeoffsPresets.Find("jumprelu-kappa-deepfool")!.CreateState());
        var deepfool = Assert.Single(fig4.Requests);
        Assert.Equal("deepfool", deepfool.Setup.Attack);
        Assert.True(float.IsPositiveInfinity(deepfool.Setup.AttackSettings.Epsilon)); // unbounded: the minimal perturbation, for ρ
        Assert.Equal(SweepMeasures.CleanAccuracy | SweepMeasures.Rho, deepfool.Measures);

        var fig7 = Plan(TradeoffsPresets.Find("jumprelu-transfer")!.CreateState());
        Assert.True(fig7.IsMatrix);
        Assert.Equal([0, 0.25, 0.5, 0.75, 1], fig7.SourceValues!);
        Assert.Equal(25, fig7.PointCount);

        var fig8 = Plan(TradeoffsPresets.Find("jumprelu-iterations")!.CreateState());
        Assert.Equal(["jumprelu:0", "jumprelu:0.5"], fig8.Requests.Select(r => r.Setup.Model.Activation));
        Assert.Equal(["κ = 0", "κ = 0.5"], fig8.Requests.Select(r => r.SeriesLabel));
        Assert.Equal(0.003081f, fig8.Requests[0].Setup.AttackSettings.StepSize!.Value, 6); // the paper's 0.01 on inputs normalised by 0.3081
        Assert.Equal(100, fig8.Values[^1]);

        var bpda = Plan(TradeoffsPresets.Find("borji-bpda")!.CreateState());
        Assert.All(bpda.Requests, r => Assert.Equal("relu", r.Setup.Source!.Activation)); // crafted on the undefended twin
        Assert.Equal(["srelu:0.5", "srelu:1", "srelu:2", "srelu:5", "srelu:10", "srelu:100"], bpda.Requests.Select(r => r.Setup.Model.Activation));
        Assert.Contains("crafted on the ReLU twin", bpda.Description);

        var scaling = Plan(TradeoffsPresets.Find("borji-input-scaling")!.CreateState());
        Assert.All(scaling.Requests, r => Assert.False(r.Setup.Model.InputScale!.Clip));
        Assert.Equal([0.5f, 1f, 2f, 5f, 10f, 100f], scaling.Requests.Select(r => r.Setup.Model.InputScale!.Scale));

        var smoothing = Plan(TradeoffsPresets.Find("smoothing-pgd-epgd")!.CreateState());
        // PGD through the smoothed model (its gradient averages the noise: EPGD) and PGD crafted on the base network, blind to the noise.
        Assert.Equal(["white-box", "gray-box (undefended twin)"], smoothing.Requests.Select(r => r.SeriesLabel));
        Assert.All(smoothing.Requests, r => Assert.Equal("pgd", r.Setup.Attack));
        Assert.All(smoothing.Requests, r => Assert.Equal(new SmoothingSpec(0.25f, 8, SmoothingVote.Majority), r.Setup.Model.Smoothing));
        Assert.Null(smoothing.Requests[0].Setup.Source);
        Assert.Null(smoothing.Requests[1].Setup.Source!.Smoothing);
    }

    [Theory]
    [InlineData(0.0, 0.3, 0.1, new[] { 0.0, 0.1, 0.2, 0.3 })] // stop included, and 0.1·3 is 0.3, not 0.30000000000000004
    [InlineData(1.0, 2.0, 0.4, new[] { 1.0, 1.4, 1.8 })]
    [InlineData(0.5, 0.5, 1.0, new[] { 0.5 })]
    public void A_range_includes_its_stop_and_rounds_its_steps(double start, double stop, double step, double[] expected) =>
        Assert.Equal(expected, KnobValues.Range(start, stop, step, 50).Values);

    [Fact]
    public void Lists_and_ranges_say_what_is_wrong_with_them()
    {
        Assert.Equal([0, 0.5, 1, 2], KnobValues.Parse(" 0, 0.5;1  2 ", 10).Values);
        Assert.Contains("'0.5x' is not a number", KnobValues.Parse("0; 0.5x", 10).Error);
        Assert.Contains("at least one value", KnobValues.Parse(" , ", 10).Error);
        Assert.Contains("at most 3", KnobValues.Parse("1,2,3,4", 3).Error);
        Assert.Contains("step must be > 0", KnobValues.Range(0, 1, 0, 10).Error);
        Assert.Contains("below start", KnobValues.Range(1, 0, 0.1, 10).Error);
        Assert.Contains("gives 101 values; at most 50", KnobValues.Range(0, 1, 0.01, 50).Error);
    }

    [Fact]
    public void Settings_out_of_range_are_refused_with_a_message_naming_the_field()
    {
        Assert.Empty(Eps().Validate());
        AssertError(Eps() with { Knob = "temperature" }, "Unknown knob 'temperature'");
        AssertError(Eps() with { ValuesText = "0, 1.5" }, "Values of ε: ε must be ≤ 1, got 1.5");
        Assert.Empty((Eps() with { ValuesText = "0, 1.5", Norm = LpNorm.L2 }).Validate()); // an L2 budget may exceed 1
        AssertError(Eps() with { Knob = SweepKnobs.Kappa, ValuesText = "-0.5, 1" }, "Values of κ: κ must be ≥ 0, got -0.5");
        AssertError(Eps() with { Knob = SweepKnobs.Alpha, ValuesText = "0, 10" }, "α must be > 0, got 0");
        AssertError(Eps() with { Knob = SweepKnobs.Samples, ValuesText = "4, 8.5" }, "n takes whole numbers, got 8.5");
        AssertError(Eps() with { Knob = SweepKnobs.IterationsName, Attack = "pgd", ValuesText = "10, 5" }, "iterations must increase");
        AssertError(Eps() with { Knob = SweepKnobs.IterationsName, ValuesText = "1, 5" }, "needs an iterative attack");
        AssertError(Eps() with { Examples = 0 }, "Test images: 1 to 10,000, got 0");
        AssertError(Eps() with { Examples = 10_001 }, "Test images: 1 to 10,000, got 10,001");
        AssertError(Eps() with { Measures = PlotMeasures.None }, "at least one measurement");
        AssertError(Eps() with { Attack = TradeoffsState.NoAttack }, "The knob ε turns the attack: choose an attack");
        AssertError(Eps() with { Knob = SweepKnobs.Kappa, Attack = TradeoffsState.NoAttack }, "Without an attack only clean accuracy");
        Assert.Empty((Eps() with { Knob = SweepKnobs.Kappa, Attack = TradeoffsState.NoAttack, Measures = PlotMeasures.CleanAccuracy }).Validate());
        AssertError(Eps("pgd") with { Steps = 0 }, "Iterations t: t must be ≥ 1, got 0");
        AssertError(Eps("pgd") with { Steps = 1001 }, "Iterations t: t must be ≤ 1000, got 1001");
        AssertError(Eps("pgd") with { StepSize = -0.01 }, "Step size α: α must be > 0, got -0.01");
        AssertError(Eps("deepfool") with { OtherKnobs = AttackKnobValues.Empty.With("overshoot", 2) }, "Overshoot η: η must be ≤ 1, got 2"); // a knob with no field of its own
        AssertError(Eps("fgsm-targeted") with { Target = "twelve" }, "A target is a class number, 'll' (least likely) or 'random'");
        AssertError(Eps("fgsm-targeted") with { Target = "12" }, "Target class: 0 to 9, got 12");
        AssertError(Eps("deepfool") with { Unbounded = true }, "An unbounded attack has no budget to vary");
        AssertError(Eps("nonsense"), "Unknown attack 'nonsense'");
        AssertError(Eps() with { Knob = SweepKnobs.Kappa, Epsilon = 2 }, "Attack budget: ε must be ≤ 1, got 2");
        AssertError(Eps() with { Activation = TradeoffsState.SlopedRelu, ActivationValue = 0 }, "Activation: SReLU α must be > 0, got 0");
        AssertError(Eps() with { SmoothingOn = true, SmoothingSamples = 1000 }, "Smoothing: n must be ≤ 256, got 1000");
        AssertError(Eps() with { SeriesName = new string('x', 61) }, "longer than 60 characters");
        AssertError(Eps() with { Measures = PlotMeasures.TransferRate }, "The transfer rate measures a transfer attack");
        Assert.Empty((Eps() with { Measures = PlotMeasures.TransferRate, Source = AttackSource.GrayBox }).Validate());
    }

    [Fact]
    public void Series_and_matrices_are_refused_when_they_do_not_make_sense()
    {
        AssertError(Eps() with { SeriesBy = SweepKnobs.Epsilon, SeriesValuesText = "0.1" }, "set the same thing");
        AssertError(Eps() with { Knob = SweepKnobs.Kappa, SeriesBy = SweepKnobs.Alpha, SeriesValuesText = "1, 10" }, "set the same thing"); // both set the activation
        AssertError(Eps() with { SeriesBy = SweepKnobs.Alpha, SeriesValuesText = "" }, "Give the values of the series");
        AssertError(Eps() with { SeriesBy = SweepKnobs.Alpha, SeriesValuesText = "1, 1" }, "repeat one another");
        AssertError(Eps() with { SeriesBy = SweepKnobs.Alpha, SeriesValuesText = "1,2,3,4,5,6,7,8,9" }, "At most 8 series per run, got 9");
        AssertError(Eps() with { SeriesBy = TradeoffsState.SeriesByAttack, SeriesValuesText = "fgsm, nonsense" }, "Unknown attack 'nonsense'");
        AssertError(Eps() with { ValuesMode = ValuesMode.Range, RangeStop = 1, RangeStep = 0.02, SeriesBy = SweepKnobs.Alpha, SeriesValuesText = "1,2,3,4,5" },
            "51 values"); // the list alone is too long
        AssertError(Eps() with { ValuesMode = ValuesMode.Range, RangeStop = 1, RangeStep = 0.025, SeriesBy = SweepKnobs.Alpha, SeriesValuesText = "1,2,3,4,5,6" },
            "41 values × 6 series = 246 points; at most 200 per run");
        AssertError(Eps() with { TransferMatrix = true }, "ε changes the attack, not the model");
        AssertError(Eps() with { Knob = SweepKnobs.Kappa, TransferMatrix = true, SeriesBy = TradeoffsState.SeriesByAttack, SeriesValuesText = "fgsm" }, "choose 'one series' to draw it");
        AssertError(Eps() with { Knob = SweepKnobs.Kappa, TransferMatrix = true, SourceValuesText = "0,1,2,3,4,5,6,7,8,9,10" }, "Source values of κ: 11 values; at most 10");
        AssertError(Eps() with { Knob = SweepKnobs.Kappa, TransferMatrix = true, Attack = TradeoffsState.NoAttack, Measures = PlotMeasures.CleanAccuracy }, "A transfer matrix needs an attack");
        AssertError(Eps() with { Source = AttackSource.OtherModel, SourceModel = " " }, "Choose the model to craft the attack on");
        AssertError(Eps() with { SeriesBy = TradeoffsState.SeriesBySource, SeriesValuesText = "white-box, black-box" }, "got 'black-box'");
    }

    [Fact]
    public void An_epsilon_sweep_maps_to_one_engine_request_with_the_attack_settings_it_reads()
    {
        var plan = Plan(Eps("pgd") with { Steps = 7, StepSize = 0.02, RandomStart = false, Seed = 3, Examples = 30 });
        var request = Assert.Single(plan.Requests);
        Assert.Equal("eps", request.Knob);
        Assert.Equal([0, 0.1, 0.2], request.Values);
        Assert.Null(request.SourceValues);
        Assert.Equal(new AttackSettings(LpNorm.Linf, 0.3f, 7, 0.02f, false, Samples: 8), request.Setup.AttackSettings);
        Assert.Equal(30, request.Setup.Data.Count);
        Assert.Equal(3, request.Setup.Seed);
        Assert.Null(request.Setup.Source);
        Assert.Equal("relu", request.Setup.Model.Activation);
        Assert.Equal(SweepMeasures.CleanAccuracy | SweepMeasures.AdversarialAccuracy, request.Measures);
        Assert.Equal("lenet-like, relu · eps · pgd L∞ steps=7 α=0.02", request.SeriesLabel);
        Assert.Equal("lenet-like, relu · eps · pgd L∞ steps=7 α=0.02 · 30 test images", plan.Description);

        // FGSM reads neither steps nor a step size: they stay unset, so its label shows only what applies.
        var fgsm = Plan(Eps() with { Steps = 7, StepSize = 0.02 }).Requests[0].Setup.AttackSettings;
        Assert.Null(fgsm.Steps);
        Assert.Null(fgsm.StepSize);
        Assert.False(fgsm.RandomStart);
        Assert.Equal(50, Plan(Eps() with { Examples = 10_000 }).Requests[0].Setup.Data.Count); // the first n of the data given, at most all of it
    }

    [Fact]
    public void Defenses_sources_and_series_map_to_the_models_the_engine_builds()
    {
        var jump = Plan(Eps() with { Activation = TradeoffsState.JumpRelu, ActivationValue = 0.5, InputScaleOn = true, InputScale = 2, InputClip = false });
        Assert.Equal("jumprelu:0.5", jump.Requests[0].Setup.Model.Activation);
        Assert.Equal(new InputScalingSpec(2, false), jump.Requests[0].Setup.Model.InputScale);

        // The σ knob turns smoothing on with the n and vote of the form, even with its switch off.
        var sigma = Plan(Eps() with { Knob = SweepKnobs.Sigma, ValuesText = "0.1, 0.2", SmoothingSamples = 4, Vote = SmoothingVote.Soft });
        Assert.Equal(new SmoothingSpec(0.25f, 4, SmoothingVote.Soft), sigma.Requests[0].Setup.Model.Smoothing);

        var gray = Plan(Eps() with { Knob = SweepKnobs.Kappa, ValuesText = "0, 1", Source = AttackSource.GrayBox, SmoothingOn = true, SmoothingSamples = 4 });
        var twin = gray.Requests[0].Setup.Source!;
        Assert.Equal("relu", twin.Activation);
        Assert.Null(twin.Smoothing);
        Assert.Null(twin.InputScale);
        Assert.NotNull(gray.Requests[0].Setup.Model.Smoothing);
        var other = Plan(Eps() with { Source = AttackSource.OtherModel, SourceModel = "borji-mnist" });
        Assert.Equal("borji-mnist", other.Requests[0].Setup.Source!.Architecture);

        var alphas = Plan(Eps() with { SeriesBy = SweepKnobs.Alpha, SeriesValuesText = "1, 10", SeriesName = "mine" });
        Assert.Equal(["srelu:1", "srelu:10"], alphas.Requests.Select(r => r.Setup.Model.Activation));
        Assert.Equal(["mine · α = 1", "mine · α = 10"], alphas.Requests.Select(r => r.SeriesLabel));

        var attacks = Plan(Eps() with { SeriesBy = TradeoffsState.SeriesByAttack, SeriesValuesText = "fgsm, fgsm-targeted", Target = "random" });
        Assert.Equal([AttackCatalog.Get("fgsm").Title, AttackCatalog.Get("fgsm-targeted").Title], attacks.Requests.Select(r => r.SeriesLabel)); // titles, not names
        Assert.Equal(new TargetChoice?[] { null, TargetChoice.Random }, attacks.Requests.Select(r => r.Setup.Target));

        var models = Plan(Eps() with { SeriesBy = TradeoffsState.SeriesByModel, SeriesValuesText = "lenet-like, borji-mnist" });
        Assert.Equal(["lenet-like", "borji-mnist"], models.Requests.Select(r => r.Setup.Model.Architecture));
        Assert.Equal(["lenet-like", "borji-mnist"], (Eps() with { SeriesBy = TradeoffsState.SeriesByModel, SeriesValuesText = "lenet-like, borji-mnist" }).ModelNames());
    }

    [Fact]
    public void Runs_too_large_for_the_shared_queue_and_engine_refusals_come_back_as_argument_errors()
    {
        var huge = Eps("pgd") with { Examples = 10_000, Steps = 1000, ValuesText = "0.1, 0.2, 0.3" };
        Assert.Empty(huge.Validate());
        var tooLarge = Assert.Throws<ArgumentException>(() => huge.ToPlan(Models, TrainedModel.MnistTest(10_000)));
        Assert.Contains("example-gradients", tooLarge.Message);

        var invalid = Assert.Throws<ArgumentException>(() => Plan(Eps() with { Examples = 0 }));
        Assert.Contains("Test images", invalid.Message);
        Assert.Throws<ArgumentException>(() => Plan(Eps() with { Model = "missing" }));
    }

    [Fact]
    public void Settings_compare_by_value_so_a_change_is_seen()
    {
        var state = TradeoffsPresets.Default.CreateState();
        var copy = state with { };
        Assert.Equal(state, copy);
        Assert.NotSame(state, copy);
        copy.Examples++;
        Assert.NotEqual(state, copy);
        copy.Examples--;
        copy.MeasureList = [PlotMeasures.RhoL2, PlotMeasures.CleanAccuracy];
        Assert.Equal(PlotMeasures.RhoL2 | PlotMeasures.CleanAccuracy, copy.Measures);
        Assert.Equal([PlotMeasures.CleanAccuracy, PlotMeasures.RhoL2], copy.MeasureList); // legend order
        Assert.NotEqual(state, copy);
        Assert.Equal(TradeoffsPresets.Default.Settings, TradeoffsPresets.Default.CreateState()); // a preset hands out copies
        Assert.NotSame(TradeoffsPresets.Default.Settings, TradeoffsPresets.Default.CreateState());
    }
}
