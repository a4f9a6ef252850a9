using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Catalog;
using RobustLab.Engine.Defenses;
using RobustLab.Tests.Web.Components;
using RobustLab.Web.Components.Lab;
using RobustLab.Web.Components.Pages;
using RobustLab.Web.Services.Imaging;
using RobustLab.Web.Services.Lab;
using TrainedModel = RobustLab.Tests.Attacks.TrainedModel;

namespace RobustLab.Tests.Web.Lab;

// The Lab's components on MudBlazor (bunit): what they show, and what clicks, slider moves, keys and typing do to the state.
public sealed class LabComponentTests : MudComponentTest, IDisposable
{
    private readonly CommittedModelLab _lab = new();
    private int _changes;

    public LabComponentTests()
    {
        Context.Services.AddSingleton(_lab.Resources);
        Context.JSInterop.SetupModule("./Components/Lab/MnistGalleryPanel.razor.js");
        Context.JSInterop.SetupModule("./Components/Lab/DrawingPad.razor.js");
    }

    public void Dispose() => _lab.Dispose();

    private static float[] OneHot(int k, float p = 1f)
    {
        var v = Enumerable.Repeat((1 - p) / 9, 10).ToArray();
        v[k] = p;
        return v;
    }

    private static string Html<T>(IRenderedComponent<T> cut) where T : Microsoft.AspNetCore.Components.IComponent => WebUtility.HtmlDecode(cut.Markup);

    private IRenderedComponent<AttackPanel> Attack(LabState state) =>
        Context.Render<AttackPanel>(p => p.Add(c => c.State, state).Add(c => c.Changed, () => _changes++));

    private IRenderedComponent<DefensePanel> Defense(LabState state, params string[] models) =>
        Context.Render<DefensePanel>(p => p.Add(c => c.State, state).Add(c => c.Models, models.Length == 0 ? ["lenet-like"] : models).Add(c => c.Changed, () => _changes++));

    private static string[] Chosen<T>(IRenderedComponent<T> cut, string group) where T : Microsoft.AspNetCore.Components.IComponent =>
        [.. cut.FindAll($"#{group} .mud-toggle-item.is-chosen").Select(b => b.TextContent.Trim())];

    [Fact]
    public void Probability_bars_show_one_row_per_class_with_both_probabilities_and_mark_label_and_target()
    {
        var pair = new ProbabilityPair("Defended", OneHot(7, 0.9f), OneHot(3, 0.6f));
        var cut = Context.Render<ProbabilityBars>(p => p.Add(c => c.Pair, pair).Add(c => c.Label, 7).Add(c => c.Target, 3).Add(c => c.Id, "bars"));
        var html = WebUtility.HtmlDecode(cut.Markup);
        Assert.Contains("Defended", html);
        Assert.Equal(10, cut.FindAll(".probability-row").Count);
        Assert.Contains("clean → <b>7</b>", html);
        Assert.Contains("adversarial → <b>3</b>", html);
        Assert.Equal("probability-row is-label", cut.Find(".probability-row[data-class='7']").ClassName);
        Assert.Equal("probability-row is-target is-adversarial-prediction", cut.Find(".probability-row[data-class='3']").ClassName);
        Assert.Contains("style=\"width: 90%\"", html);  // clean bar of class 7
        Assert.Contains("style=\"width: 60%\"", html);  // adversarial bar of class 3
        Assert.Contains(">90%<", html);
        Assert.Contains(">60%<", html);
        Assert.Contains(">4.4%<", html);                 // (1 − 0.6)/9 in the other rows
        Assert.Empty(cut.FindAll(".probability-caption"));
    }

    [Fact]
    public void The_undefended_bars_beside_a_defense_say_that_the_image_was_crafted_against_the_defended_model()
    {
        var pair = new ProbabilityPair("Undefended", OneHot(7), OneHot(7, 0.8f));
        var cut = Context.Render<ProbabilityBars>(p => p.Add(c => c.Pair, pair).Add(c => c.Label, 7).Add(c => c.Id, "probabilities-undefended")
            .Add(c => c.Caption, LabPage.UndefendedCaption));
        Assert.Equal(LabPage.UndefendedCaption, cut.Find("#probabilities-undefended-caption").TextContent);
        Assert.Contains("crafted against the defended model", LabPage.UndefendedCaption);
    }

    [Fact]
    public void Colour_bar_draws_the_map_as_a_gradient_with_its_ticks()
    {
        var html = WebUtility.HtmlDecode(Context.Render<ColorBar>(p => p.Add(c => c.Scale, ColorScale.Signed(0.25f))).Markup);
        Assert.Contains("data-colormap=\"rdbu\"", html);
        Assert.Contains("linear-gradient(to right, #67001f,", html);
        Assert.Contains(">-0.25<", html);
        Assert.Contains(">0<", html);
        Assert.Contains(">0.25<", html);
        Assert.Contains("left: 50%", html);
        Assert.Contains("aria-label=\"rdbu colour scale from -0.25 to 0.25\"", html);
    }

    [Fact]
    public void Slider_and_number_box_show_the_value_move_it_and_say_when_typing_was_clamped_or_refused()
    {
        double value = 0.3;
        var cut = Context.Render<LabSlider>(p => p.Add(c => c.Knob, AttackKnobs.EpsilonLinf).Add(c => c.Value, value).Add(c => c.Id, "epsilon")
            .Add(c => c.Hint, "|δᵢ| ≤ ε").Add(c => c.ValueChanged, v => value = v));
        var range = cut.Find("input#epsilon-range");
        Assert.Equal(("range", "0", "1", "0.005", "0.3", "0.3"), (range.GetAttribute("type"), range.GetAttribute("min"), range.GetAttribute("max"),
            range.GetAttribute("step"), range.GetAttribute("value"), range.GetAttribute("aria-valuetext")));
        Assert.Equal("attack budget ε (L∞)", range.GetAttribute("aria-label"));
        Assert.Equal("attack budget ε (L∞) value", cut.Find("input#epsilon-number").GetAttribute("aria-label"));
        Assert.Equal("0.3", cut.Find("input#epsilon-number").GetAttribute("value"));
        Assert.Contains("ε (L∞)", cut.Find("label[for=epsilon-range]").TextContent);
        Assert.Contains("|δᵢ| ≤ ε", cut.Markup);

        // A move of the slider (one input event per key press or drag step) hands the value on.
        cut.Find("input#epsilon-range").Input("0.25");
        Assert.Equal(0.25, value);
        cut.Render(p => p.Add(c => c.Value, value));
        Assert.Equal("0.25", cut.Find("input#epsilon-number").GetAttribute("value"));

    }

    [Fact]
    public void The_number_box_says_when_typing_was_clamped_or_refused_and_never_changes_what_was_typed()
    {
        var state = new LabState();
        var cut = Attack(state);
        cut.Find("input#epsilon-number").Change("7");
        Assert.Equal(1, state.Epsilon);
        Assert.Equal("ε set to 1, the maximum.", cut.Find("#epsilon-number-message").TextContent);
        Assert.Equal("1", cut.Find("input#epsilon-number").GetAttribute("value"));
        Assert.Equal("1", cut.Find("input#epsilon-range").GetAttribute("value"));
        Assert.Null(cut.Find("input#epsilon-number").GetAttribute("aria-invalid"));
        Assert.Equal("epsilon-number-message", cut.Find("input#epsilon-number").GetAttribute("aria-describedby"));

        cut.Find("input#epsilon-number").Change("0,2x");
        Assert.Equal(1, state.Epsilon);
        Assert.Equal("0,2x", cut.Find("input#epsilon-number").GetAttribute("value"));
        Assert.Equal("true", cut.Find("input#epsilon-number").GetAttribute("aria-invalid"));
        Assert.StartsWith("'0,2x' is not a number", cut.Find("#epsilon-number-message").TextContent);

        // The slider moves on: the message about the typing goes, the box shows the slider's value.
        cut.Find("input#epsilon-range").Input("0.25");
        Assert.Equal(0.25, state.Epsilon);
        Assert.Equal("0.25", cut.Find("input#epsilon-number").GetAttribute("value"));
        Assert.Empty(cut.FindAll("#epsilon-number-message"));
    }

    [Fact]
    public void Defense_panel_choices_are_named_groups_and_a_click_changes_the_state()
    {
        var state = new LabState();
        var cut = Defense(state, "lenet-like", "my-net");
        var activation = cut.Find("#activation");
        Assert.Equal(("group", "Activation"), (activation.GetAttribute("role"), activation.GetAttribute("aria-label")));
        Assert.Equal(["ReLU"], Chosen(cut, "activation"));
        Assert.Equal("Model", cut.Find("[role=combobox]").GetAttribute("aria-label"));
        Assert.Equal("lenet-like", cut.Find("input#model-select").GetAttribute("value"));
        Assert.Contains(DefenseCatalog.Activations[0].Summary, Html(cut));

        cut.FindAll("#activation .mud-toggle-item").Single(b => b.TextContent.Trim() == "JumpReLU").Click();
        Assert.Equal("jumprelu", state.Activation);
        Assert.Equal(1, _changes);
        Assert.Equal(["JumpReLU"], Chosen(cut, "activation"));
        Assert.NotNull(cut.Find("input#kappa-range"));
        Assert.Contains(DefenseCatalog.Activation("jumprelu")!.Source.ToString(), Html(cut));

        // Smoothing on: its help, σ and n, and the vote as a named group.
        cut.Find("input#smoothing-switch").Change(true);
        Assert.True(state.Smoothing);
        Assert.Contains(DefenseCatalog.Smoothing.Summary, Html(cut));
        Assert.Equal("Voting", cut.Find("#vote").GetAttribute("aria-label"));
        var second = cut.FindAll("#vote .mud-toggle-item")[1];
        second.Click();
        Assert.Equal(DefenseCatalog.Votes[1].Vote, state.Vote);
        Assert.Equal([DefenseCatalog.Votes[1].Title], Chosen(cut, "vote"));
    }

    [Fact]
    public void Attack_panel_shows_the_catalog_title_and_help_and_the_norm_is_a_named_group()
    {
        var state = new LabState();
        var cut = Attack(state);
        var entry = AttackCatalog.Get(state.Attack);
        Assert.Equal(entry.Title, cut.Find("input#attack-select").GetAttribute("value")); // the title, not the name
        Assert.Equal("Attack", cut.Find("input#attack-select").GetAttribute("aria-label"));
        Assert.Contains(entry.Summary, cut.Find("#attack-help").TextContent);
        Assert.Contains(entry.Source.ToString(), cut.Find("#attack-help").TextContent);
        Assert.Equal(("group", "Norm"), (cut.Find("#norm").GetAttribute("role"), cut.Find("#norm").GetAttribute("aria-label")));
        Assert.Equal(["L∞"], Chosen(cut, "norm"));

        cut.FindAll("#norm .mud-toggle-item").Single(b => b.TextContent.Trim() == "L2").Click();
        Assert.Equal(LpNorm.L2, state.Norm);
        Assert.Equal(["L2"], Chosen(cut, "norm"));
        Assert.Contains("‖δ‖₂ ≤ ε", cut.Find("#epsilon").TextContent);

        // The help panel folds away and opens again from its header (a button).
        var header = cut.Find("#attack-help .mud-expand-panel-header");
        Assert.Equal(("button", "true"), (header.GetAttribute("role"), header.GetAttribute("aria-expanded")));
        header.Click();
        Assert.Equal("false", cut.Find("#attack-help .mud-expand-panel-header").GetAttribute("aria-expanded"));
    }

    [Fact]
    public void Attack_panel_switches_and_the_seed_box_change_the_state_and_typing_a_bad_seed_is_refused()
    {
        var state = new LabState();
        var cut = Attack(state);
        Assert.True(state.IsAuto(AttackSetting.StepSize));
        cut.Find("input#auto-step-switch").Change(false);
        Assert.False(state.IsAuto(AttackSetting.StepSize));
        Assert.NotNull(cut.Find("input#step-size-range"));
        Assert.Equal("auto-step-switch-label", cut.Find("input#auto-step-switch").GetAttribute("aria-labelledby"));

        cut.Find("input#seed-number").Change("42");
        Assert.Equal(42, state.Seed);
        cut.Find("input#seed-number").Change("forty");
        Assert.Equal(42, state.Seed);
        Assert.StartsWith("'forty' is not a number", cut.Find("#seed-number-message").TextContent);
        cut.Find("#seed-dice").Click();
        Assert.InRange(state.Seed, 0, 999_999);
        Assert.Equal("New random seed", cut.Find("#seed-dice").GetAttribute("aria-label"));
    }

    [Fact]
    public void A_targeted_attack_offers_the_target_as_named_groups()
    {
        var name = AttackCatalog.All.First(a => a.Targeted).Name;
        var state = new LabState { Attack = name };
        var cut = Attack(state);
        Assert.Equal("Target", cut.Find("#target-mode").GetAttribute("aria-label"));
        cut.FindAll("#target-mode .mud-toggle-item").Single(b => b.TextContent.Trim() == TargetMode.Class.Title).Click();
        Assert.Equal(TargetMode.Class, state.TargetMode);
        Assert.Equal("Target class", cut.Find("#target-class").GetAttribute("aria-label"));
        cut.FindAll("#target-class .mud-toggle-item")[4].Click();
        Assert.Equal(4, state.TargetClass);
        Assert.Equal(["4"], Chosen(cut, "target-class"));
    }

    [Fact]
    public async Task The_gallery_is_one_tab_stop_and_the_arrow_keys_move_through_it()
    {
        var testSet = TrainedModel.MnistTest(60);
        int? picked = null;
        var cut = Context.Render<MnistGalleryPanel>(p => p.Add(c => c.TestSet, testSet).Add(c => c.Model, "lenet-like").Add(c => c.Selected, 2)
            .Add(c => c.OnSelect, i => picked = i));
        string[] Stops() => [.. cut.FindAll(".gallery-item[tabindex='0']").Select(b => b.GetAttribute("data-index")!)];
        Assert.Equal(MnistGallery.PageSize, cut.FindAll(".gallery-item").Count);
        Assert.Equal(["2"], Stops()); // the selected image is the grid's one tab stop
        Assert.Equal(MnistGallery.PageSize - 1, cut.FindAll(".gallery-item[tabindex='-1']").Count);
        Assert.Contains("arrow keys move", cut.Find("#gallery-grid").GetAttribute("aria-label"));

        // NOTE: the key handler renders, then focuses the new tab stop: await it before reading the markup again.
        Task Key(string key) => cut.Find("#gallery-grid").KeyDownAsync(new KeyboardEventArgs { Key = key });
        await Key("ArrowRight");
        Assert.Equal(["3"], Stops());
        await Key("ArrowDown");
        Assert.Equal([(3 + MnistGalleryPanel.Columns).ToString()], Stops());
        await Key("ArrowUp");
        await Key("ArrowUp"); // above the first row: stays
        Assert.Equal(["3"], Stops());
        await Key("End");
        Assert.Equal([(MnistGallery.PageSize - 1).ToString()], Stops());
        await Key("ArrowRight"); // past the last: stays
        Assert.Equal([(MnistGallery.PageSize - 1).ToString()], Stops());
        await Key("Home");
        Assert.Equal(["0"], Stops());
        Assert.Null(picked); // moving is not picking

        // Page Down turns the page, the focus keeps its place; the pick is a click (Enter or Space on the button).
        await Key("ArrowRight");
        await Key("PageDown");
        Assert.Equal([(MnistGallery.PageSize + 1).ToString()], Stops());
        Assert.StartsWith("2 / 3", cut.Find(".gallery-page").TextContent);
        cut.Find(".gallery-item[tabindex='0']").Click();
        Assert.Equal(MnistGallery.PageSize + 1, picked);
        Assert.Single(Stops());
    }

    [Fact]
    public void The_digit_filter_is_a_named_group_and_filters_the_gallery()
    {
        var testSet = TrainedModel.MnistTest(60);
        var cut = Context.Render<MnistGalleryPanel>(p => p.Add(c => c.TestSet, testSet).Add(c => c.Model, "lenet-like"));
        Assert.Equal("Filter by digit", cut.Find("#gallery-digits").GetAttribute("aria-label"));
        cut.FindAll("#gallery-digits .mud-toggle-item").Single(b => b.TextContent.Trim() == "7").Click();
        var shown = cut.FindAll(".gallery-item").Select(b => int.Parse(b.GetAttribute("data-index")!)).ToList();
        Assert.NotEmpty(shown);
        Assert.All(shown, i => Assert.Equal(7, testSet.Labels[i]));
        Assert.Single(cut.FindAll(".gallery-item[tabindex='0']"));
    }

    [Fact]
    public void The_drawing_canvas_is_a_named_tab_stop_and_delete_or_the_clear_button_clears_it()
    {
        int cleared = 0;
        var cut = Context.Render<DrawingPad>(p => p.Add(c => c.OnCleared, () => cleared++));
        var canvas = cut.Find("canvas#drawing-canvas");
        Assert.Equal("0", canvas.GetAttribute("tabindex"));
        Assert.Equal("Drawing area: draw a digit", canvas.GetAttribute("aria-label"));
        Assert.Contains("Draw a digit", cut.Find($"#{canvas.GetAttribute("aria-describedby")}").TextContent);
        canvas.KeyDown(new KeyboardEventArgs { Key = "a" });
        Assert.Equal(0, cleared);
        canvas.KeyDown(new KeyboardEventArgs { Key = "Delete" });
        Assert.Equal(1, cleared);
        cut.Find("#drawing-clear").Click();
        Assert.Equal(2, cleared);
        Assert.Equal("BUTTON", cut.Find("#drawing-clear").TagName);
    }

    [Fact]
    public void Attack_row_shows_the_images_the_measurements_the_outcome_and_the_model_by_its_name()
    {
        var scale = ColorScale.Magnitude(0.3f);
        var view = new AttackView("Undefended", "my-net (lenet-like), relu", null, new ProbabilityPair("Undefended", OneHot(7), OneHot(3, 0.8f)),
            Success: true, Linf: 0.3f, L2: 5.5f, Relative: 0.7f, "data:image/png;base64,QQ==", "data:image/png;base64,Qg==", "data:image/png;base64,Qw==");
        var request = new LabState();
        request.SetImage(LabImage.Validated(new float[784], 7, ImageSource.Mnist, "MNIST test image #0", 0));
        var result = new LabResult(request.ToRequest()!, 7, true, "data:image/png;base64,RA==", ColorScale.Signed(0.3f), scale, [view], null,
            "pgd · L∞ ε = 0.3", new LabTiming(10, 1, 11));
        var cut = Context.Render<AttackRow>(p => p.Add(c => c.Result, result).Add(c => c.View, view));
        var html = WebUtility.HtmlDecode(cut.Markup);
        Assert.Equal("fooled: 7 → 3", cut.Find(".attack-outcome").TextContent);
        Assert.Equal("my-net (lenet-like), relu", cut.Find(".attack-row-model").TextContent);
        Assert.Contains("data-success=\"true\"", html);
        Assert.Contains("Clean · label 7", html);
        Assert.Contains("predicted 7 (100%)", html);
        Assert.Contains("predicted 3 (80%)", html);
        foreach (var src in new[] { "RA==", "QQ==", "Qg==", "Qw==" }) Assert.Contains($"src=\"data:image/png;base64,{src}\"", html);
        Assert.Equal(2, cut.FindAll(".color-bar").Count);
        Assert.Equal("0.3", cut.Find("dd.metric-linf").TextContent);
        Assert.Equal("5.5", cut.Find("dd.metric-l2").TextContent);
        Assert.Equal("0.7", cut.Find("dd.metric-relative").TextContent);
    }

    [Fact]
    public void Attack_row_says_when_the_model_was_wrong_before_the_attack()
    {
        var view = new AttackView("Undefended", "lenet-like, relu", null, new ProbabilityPair("Undefended", OneHot(4, 0.8f), OneHot(4)),
            Success: true, Linf: 0.1f, L2: 1f, Relative: 0.2f, "data:,", "data:,", "data:,");
        var state = new LabState();
        state.SetImage(LabImage.Validated(new float[784], 9, ImageSource.Mnist, "MNIST test image #1232", 1232));
        var result = new LabResult(state.ToRequest()!, 9, true, "data:,", ColorScale.Signed(0.1f), ColorScale.Magnitude(0.1f), [view], null,
            "pgd", new LabTiming(1, 1, 2));
        var cut = Context.Render<AttackRow>(p => p.Add(c => c.Result, result).Add(c => c.View, view));
        Assert.Equal("wrong even before the attack: 9 → 4", cut.Find(".attack-outcome").TextContent);
        Assert.DoesNotContain(">fooled:", cut.Markup);
    }

    [Fact]
    public void Attack_row_shows_rho_as_undefined_when_the_clean_image_has_no_ink()
    {
        var view = new AttackView("Undefended", "lenet-like, relu", null, new ProbabilityPair("Undefended", OneHot(1), OneHot(8)),
            Success: true, Linf: 0.3f, L2: 8.4f, Relative: null, "data:,", "data:,", "data:,");
        var state = new LabState();
        state.SetImage(LabImage.Validated(new float[784], null, ImageSource.Drawing, "your drawing"));
        var result = new LabResult(state.ToRequest()!, 1, false, "data:,", ColorScale.Signed(0.3f), ColorScale.Magnitude(0.3f), [view], null,
            "pgd", new LabTiming(1, 1, 2));
        var cut = Context.Render<AttackRow>(p => p.Add(c => c.Result, result).Add(c => c.View, view));
        var rho = cut.Find("dd.metric-relative");
        Assert.Equal(("—", "undefined: ‖x‖₂ = 0"), (rho.TextContent, rho.GetAttribute("title")));
        Assert.Equal("8.4", cut.Find("dd.metric-l2").TextContent);
    }

    [Fact]
    public void True_label_choice_is_offered_for_drawings_and_uploads_only_says_how_success_is_judged_and_takes_a_digit()
    {
        var state = new LabState();
        state.SetImage(LabImage.Validated(new float[784], 7, ImageSource.Mnist, "MNIST test image #0", 0));
        Assert.Empty(Context.Render<TrueLabelChoice>(p => p.Add(c => c.State, state)).FindAll("#true-label"));

        state.SetImage(LabImage.Validated(new float[784], null, ImageSource.Drawing, "your drawing"));
        var cut = Context.Render<TrueLabelChoice>(p => p.Add(c => c.State, state).Add(c => c.Changed, () => _changes++));
        Assert.NotNull(cut.Find("label[for=true-label-select]"));
        Assert.Equal(11, cut.FindAll("#true-label-select option").Count);
        Assert.Contains("judged against the model's own prediction on the clean image", cut.Find("#true-label-note").TextContent);
        cut.Find("#true-label-select").Change("4");
        Assert.Equal(4, state.Image!.Label);
        Assert.Equal(1, _changes);
        cut.Find("#true-label-select").Change("12"); // not a digit: ignored
        Assert.Equal(4, state.Image!.Label);
        Assert.Contains("no longer 4", cut.Find("#true-label-note").TextContent);
    }
}
