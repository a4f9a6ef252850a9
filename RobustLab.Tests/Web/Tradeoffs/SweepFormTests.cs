using Bunit;
using MudBlazor;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Catalog;
using RobustLab.Engine.Sweeps;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Tests.Web.Tradeoffs;

// The Trade-offs settings form on MudBlazor, driven as a person drives it: it shows the settings the knob and the attack read
// and no others, number boxes say what they did with the typing, every control has a name, menus say the catalog's titles.
public sealed class SweepFormTests : TradeoffsFormTest
{
    [Fact]
    public void The_form_shows_only_the_settings_the_knob_and_the_attack_read()
    {
        var pgd = Form(TradeoffsPresets.Default.CreateState()).Markup; // κ sweep, PGD
        Assert.Contains("id=\"steps\"", pgd);
        Assert.Contains("id=\"random-start\"", pgd);
        Assert.Contains("id=\"transfer-matrix\"", pgd); // κ changes the model
        Assert.Contains("Activation: set by κ in every slot.", pgd);
        Assert.Contains("8 values: κ = 0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 1", pgd);
        Assert.DoesNotContain("id=\"target\"", pgd);
        Assert.DoesNotContain("id=\"sigma\"", pgd);

        var fgsm = Form(new TradeoffsState { Attack = "fgsm-targeted" }).Markup; // ε sweep
        Assert.DoesNotContain("id=\"steps\"", fgsm);
        Assert.DoesNotContain("id=\"eps\"", fgsm); // ε is the knob
        Assert.DoesNotContain("id=\"transfer-matrix\"", fgsm);
        Assert.Contains("id=\"target\"", fgsm);

        var matrix = Form(TradeoffsPresets.Find("jumprelu-transfer")!.CreateState()).Markup;
        Assert.Contains("id=\"source-values\"", matrix);
        Assert.DoesNotContain("id=\"series-by\"", matrix);
        Assert.DoesNotContain("id=\"source\"", matrix); // a matrix crafts on the model at each source value

        var smoothing = Form(TradeoffsPresets.Find("smoothing-pgd-epgd")!.CreateState()).Markup;
        Assert.Contains("id=\"sigma\"", smoothing);
        Assert.Contains("id=\"series-sources\"", smoothing);
        Assert.DoesNotContain("id=\"source\"", smoothing); // where the attack is crafted is the series
        Assert.DoesNotContain("id=\"eot-samples\"", smoothing); // PGD takes no m

        var attacks = Form(TradeoffsPresets.Find("kurakin-one-step")!.CreateState()).Markup;
        Assert.Contains("id=\"series-attacks\"", attacks);
        Assert.DoesNotContain("id=\"attack\"", attacks); // the attacks are the series
    }

    [Fact]
    public void A_number_box_never_silently_changes_what_was_typed()
    {
        var state = new TradeoffsState(); // ε from 0 to 0.3 in steps of 0.05
        var form = Form(state);

        Type(form, "examples", "1000");
        Assert.Equal(1000, state.Examples);
        Assert.Equal(1, Changes);

        // Too many images: the box holds the maximum and says so; the server's limit is the box's limit.
        Type(form, "examples", "20000");
        Assert.Equal(TradeoffsLimits.MaxExamples, state.Examples);
        Assert.Equal("10000", form.Find("input#examples").GetAttribute("value"));
        Assert.Equal("n set to 10000, the maximum.", HelperOf(form, "examples"));

        // Not a number: the value stays, the text stays on screen, and the box says why (no change reported).
        Type(form, "examples", "1e3x");
        Assert.Equal(TradeoffsLimits.MaxExamples, state.Examples);
        Assert.Equal("1e3x", form.Find("input#examples").GetAttribute("value"));
        Assert.Contains("'1e3x' is not a number; n is unchanged.", form.Markup);
        Assert.Contains("mud-input-error", form.Find("input#examples").Closest(".mud-input-control")!.OuterHtml);
        Assert.Equal(2, Changes);

        // A whole number box refuses a fraction rather than rounding it; a fraction box rounds and says so.
        Type(form, "seed", "1.5");
        Assert.Equal(0, state.Seed);
        Assert.Contains("seed takes whole numbers, got 1.5; seed is unchanged.", form.Markup);
        Type(form, "range-step", "0.1234567");
        Assert.Equal(0.12346, state.RangeStep);
        Assert.Equal("step set to 0.12346, rounded to 5 decimals.", HelperOf(form, "range-step"));

        // A decimal comma is a decimal point.
        Type(form, "range-start", "0,25");
        Assert.Equal(0.25, state.RangeStart);
    }

    [Fact]
    public void The_values_preview_says_what_is_wrong_with_the_range()
    {
        var state = new TradeoffsState { ValuesMode = ValuesMode.Range, RangeStart = 0, RangeStop = 0.3, RangeStep = 0.1 };
        var form = Form(state);
        Assert.Equal("4 values: ε = 0, 0.1, 0.2, 0.3", form.Find("#values-preview").TextContent.Trim());
        Type(form, "range-start", "1");
        Type(form, "range-stop", "0");
        Assert.Contains("stop (0) is below start (1)", form.Find("#values-preview").TextContent);
        Assert.Equal(2, Changes);

        // The list: typed values, checked as the server checks them.
        form.FindAll("#values-mode .mud-toggle-item").Single(b => b.TextContent.Contains("List")).Click();
        Assert.Equal(ValuesMode.List, state.ValuesMode);
        Type(form, "values-text", "0.1, 0.2");
        Assert.Equal("0.1, 0.2", state.ValuesText);
        Assert.Equal("2 values: ε = 0.1, 0.2", form.Find("#values-preview").TextContent.Trim());
    }

    [Fact]
    public void Attack_knobs_may_be_left_to_the_attacks_default_and_say_where_it_comes_from()
    {
        var state = new TradeoffsState { Knob = SweepKnobs.Kappa, ValuesText = "0, 0.5", ValuesMode = ValuesMode.List, Attack = "pgd" };
        var form = Form(state);
        var steps = AttackCatalog.Get("pgd").Knob(AttackSetting.Steps)!.Knob;
        Assert.Equal("the attack's default", form.Find("input#steps").GetAttribute("placeholder"));
        Assert.Equal($"{steps.Help} Default: {steps.Source}.", HelperOf(form, "steps"));

        Type(form, "steps", "25");
        Assert.Equal(25, state.Steps);
        Type(form, "steps", "5000"); // past the server's limit of iterations
        Assert.Equal((int)steps.Max, state.Steps);
        Assert.Equal($"t set to {steps.Max}, the maximum.", HelperOf(form, "steps"));
        Type(form, "steps", "");
        Assert.Null(state.Steps); // empty: the attack's default again
        Assert.Equal(3, Changes);

        // ε's box is in the chosen norm's units: pressing L2 gives it the L2 range, unit and help.
        Assert.Contains("pixel units", form.Find("label[for='eps']").TextContent);
        form.FindAll("#norm .mud-toggle-item").Single(b => b.TextContent.Trim() == "L2").Click();
        Assert.Equal(LpNorm.L2, state.Norm);
        Assert.Equal(AttackKnobs.EpsilonL2.Label + $" ({AttackKnobs.EpsilonL2.Unit})", form.Find("label[for='eps']").TextContent.Trim());
        Type(form, "eps", "3");
        Assert.Equal(3, state.Epsilon); // above L∞'s maximum of 1, within L2's
    }

    [Fact]
    public void Every_box_switch_and_button_group_has_an_accessible_name()
    {
        foreach (var preset in TradeoffsPresets.All)
        {
            var state = preset.CreateState();
            (state.InputScaleOn, state.SmoothingOn, state.Source) = (true, true, state.TransferMatrix ? state.Source : AttackSource.OtherModel);
            var form = Form(state);
            var root = form.Find(".sweep-form");
            foreach (var input in form.FindAll("input:not([type=hidden])"))
                Assert.True(AccessibleName(input, root).Length > 0, $"{preset.Id}: an input without a name: {input.OuterHtml}");
            var groups = form.FindAll(".mud-toggle-group");
            Assert.NotEmpty(groups);
            Assert.All(groups, group => Assert.Equal("group", group.GetAttribute("role")));
            foreach (var group in groups)
                Assert.True(AccessibleName(group, root).Length > 0, $"{preset.Id}: a button group without a name: {group.OuterHtml[..Math.Min(200, group.OuterHtml.Length)]}");
            Assert.Equal("Measure", AccessibleName(form.Find("#measures"), root));
        }
    }

    [Fact]
    public void Menus_show_the_catalogs_titles_in_full_never_the_bare_names()
    {
        var state = new TradeoffsState { Knob = SweepKnobs.Kappa, ValuesText = "0, 0.5", ValuesMode = ValuesMode.List, Attack = "step-ll" };
        var single = Form(state);
        Assert.Equal(AttackCatalog.Get("step-ll").Title, single.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Attack").Find("input").GetAttribute("value"));
        Assert.Equal(SweepKnobs.Get(SweepKnobs.Kappa).Title, single.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Knob (x axis)").Find("input").GetAttribute("value"));

        // The attacks of a series: the box counts them, a chip each names it in full; a chip's × removes that series.
        var series = TradeoffsPresets.Find("kurakin-one-step")!.CreateState();
        var names = KnobValues.Names(series.SeriesValuesText);
        var form = Form(series);
        var attacks = form.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Attacks (one series each)");
        Assert.Equal($"{names.Count} attacks", attacks.Find("input").GetAttribute("value"));
        Assert.Equal(names.Select(n => AttackCatalog.Get(n).Title), form.FindAll(".series-chip").Select(c => c.TextContent.Trim()));
        form.Find($".series-chip[data-value='{names[0]}'] .mud-chip-close-button").Click();
        Assert.Equal(names.Skip(1), KnobValues.Names(series.SeriesValuesText));
        Assert.Equal(names.Count - 1, form.FindAll(".series-chip").Count);
        Assert.Equal(1, Changes);

        // Not cut: every menu is a full row of the form, and its list may grow wider than the box.
        Assert.All(form.FindComponents<MudSelect<string>>(), select => Assert.Equal(DropdownWidth.Adaptive, select.Instance.RelativeWidth));
        Assert.All(form.FindAll(".mud-select"), select => Assert.Contains("mud-grid-item-xs-12", select.Closest(".mud-grid-item")!.ClassName));
    }

    [Fact]
    public async Task Choosing_a_knob_sets_its_usual_range_and_drops_a_series_over_the_same_setting()
    {
        var state = new TradeoffsState { SeriesBy = SweepKnobs.Alpha, SeriesValuesText = "1, 10" };
        var form = Form(state);
        var knob = form.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Knob (x axis)");
        await form.InvokeAsync(() => knob.Instance.ValueChanged.InvokeAsync(SweepKnobs.Kappa));
        Assert.Equal(SweepKnobs.Kappa, state.Knob);
        Assert.Equal((0.0, 1.0, 0.125), (state.RangeStart, state.RangeStop, state.RangeStep));
        Assert.Equal(TradeoffsState.NoSeries, state.SeriesBy); // α and κ both set the activation
        Assert.Equal("0.125", form.Find("input#range-step").GetAttribute("value")); // shown as set, not rounded to the knob's step
        Assert.Contains(DefenseCatalog.Kappa.Help, form.Markup);

        var seriesBy = form.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "One series per");
        await form.InvokeAsync(() => seriesBy.Instance.ValueChanged.InvokeAsync(TradeoffsState.SeriesByAttack));
        Assert.Equal("fgsm", state.SeriesValuesText); // the chosen attack to start from
        Assert.Contains("id=\"series-attacks\"", form.Markup);
        Assert.Equal(2, Changes);
    }

    [Fact]
    public void Switches_and_measurements_set_the_state()
    {
        var state = new TradeoffsState();
        var form = Form(state);
        Assert.DoesNotContain("id=\"sigma\"", form.Markup);
        form.Find("#smoothing-on input, input#smoothing-on").Change(true);
        Assert.True(state.SmoothingOn);
        Assert.Contains(DefenseCatalog.Sigma.Help, HelperOf(form, "sigma"));
        Assert.Contains($"Default: {DefenseCatalog.Sigma.Source}.", HelperOf(form, "sigma"));
        Type(form, "smoothing-samples", "300");
        Assert.Equal(TradeoffsLimits.MaxSmoothingSamples, state.SmoothingSamples);
        form.FindAll("#vote .mud-toggle-item").Single(b => b.TextContent.Trim() == "soft").Click();
        Assert.Equal(Engine.Defenses.SmoothingVote.Soft, state.Vote);

        form.Find("[data-measure='RhoL2'] input, input[data-measure='RhoL2']").Change(true);
        Assert.Equal(PlotMeasures.CleanAccuracy | PlotMeasures.AdversarialAccuracy | PlotMeasures.RhoL2, state.Measures);
        form.Find("[data-measure='CleanAccuracy'] input, input[data-measure='CleanAccuracy']").Change(false);
        Assert.Equal(PlotMeasures.AdversarialAccuracy | PlotMeasures.RhoL2, state.Measures);
        Assert.Equal(5, Changes);
    }
}
