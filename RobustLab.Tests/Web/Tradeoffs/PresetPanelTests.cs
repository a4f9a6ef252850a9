using System.Net;
using System.Text.RegularExpressions;
using RobustLab.Web.Components.Tradeoffs;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Tests.Web.Tradeoffs;

// The Trade-offs page's preset panel and settings form, rendered to HTML.
public sealed partial class PresetPanelTests
{
    private static async Task<string> Panel(TradeoffsPreset? selected, bool modified = false) =>
        WebUtility.HtmlDecode(await ComponentRenderer.RenderAsync<PresetPanel>(
            new Dictionary<string, object?> { ["Selected"] = selected, ["Modified"] = modified }));

    private static async Task<string> Form(TradeoffsState state) =>
        WebUtility.HtmlDecode(await ComponentRenderer.RenderAsync<SweepForm>(new Dictionary<string, object?>
        {
            ["State"] = state,
            ["Models"] = new[] { new RegisteredModel("lenet-like", "lenet-like", ModelSource.BuiltIn, "/models/lenet-like.safetensors", 1, "00", DateTimeOffset.UnixEpoch, new Dictionary<string, string>()) },
        }));

    [Fact]
    public async Task Offers_every_preset_grouped_by_paper_and_explains_the_chosen_one()
    {
        var chosen = TradeoffsPresets.Find("borji-fgsm-alpha")!;
        var html = await Panel(chosen);
        foreach (var preset in TradeoffsPresets.All) Assert.Contains($"id=\"preset-{preset.Id}\"", html);
        Assert.Equal(4, PaperHeading().Matches(html).Count);
        Assert.Contains("Sloped ReLU (Borji)", html);
        Assert.Matches(new Regex("aria-pressed=\"true\"[^>]*id=\"preset-borji-fgsm-alpha\"|id=\"preset-borji-fgsm-alpha\"[^>]*aria-pressed=\"true\""), html);
        Assert.Single(Regex.Matches(html, "aria-pressed=\"true\""));

        Assert.Contains("data-preset=\"borji-fgsm-alpha\"", html);
        Assert.Contains("Borji Fig. 2 (top left)", html);
        Assert.Contains("the softmax saturates", html); // why the FGSM curves flatten: gradient masking
        Assert.Contains("compare the step l.l. and BPDA presets", html);
        Assert.Contains("Runs on the first 300 test images", html);
        Assert.Contains("the paper used 10,000", html);
        Assert.DoesNotContain("settings changed", html);
        Assert.Contains("settings changed", await Panel(chosen, modified: true));
    }

    [Fact]
    public async Task Without_a_chosen_preset_there_is_no_explanation()
    {
        var html = await Panel(null);
        Assert.Contains("id=\"preset-jumprelu-transfer\"", html);
        Assert.DoesNotContain("preset-explanation", html);
        Assert.DoesNotContain("aria-pressed=\"true\"", html);
    }

    [Fact]
    public async Task The_form_shows_only_the_settings_the_knob_and_the_attack_read()
    {
        var pgd = await Form(TradeoffsPresets.Default.CreateState()); // κ sweep, PGD
        Assert.Contains("id=\"steps\"", pgd);
        Assert.Contains("id=\"random-start\"", pgd);
        Assert.Contains("id=\"transfer-matrix\"", pgd); // κ changes the model
        Assert.Contains("Activation: set by κ in every slot.", pgd);
        Assert.Contains("8 values: κ = 0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 1", pgd);
        Assert.DoesNotContain("id=\"target\"", pgd);
        Assert.DoesNotContain("id=\"sigma\"", pgd);

        var fgsm = await Form(new TradeoffsState { Attack = "fgsm-targeted" }); // ε sweep
        Assert.DoesNotContain("id=\"steps\"", fgsm);
        Assert.DoesNotContain("id=\"eps\"", fgsm); // ε is the knob
        Assert.DoesNotContain("id=\"transfer-matrix\"", fgsm);
        Assert.Contains("id=\"target\"", fgsm);

        var matrix = await Form(TradeoffsPresets.Find("jumprelu-transfer")!.CreateState());
        Assert.Contains("id=\"source-values\"", matrix);
        Assert.DoesNotContain("id=\"series-by\"", matrix);
        Assert.DoesNotContain("id=\"source\"", matrix); // a matrix crafts on the model at each source value

        var smoothing = await Form(TradeoffsPresets.Find("smoothing-pgd-epgd")!.CreateState());
        Assert.Contains("id=\"sigma\"", smoothing);
        Assert.Contains("id=\"series-sources\"", smoothing);
        Assert.DoesNotContain("id=\"source\"", smoothing); // where the attack is crafted is the series
        Assert.DoesNotContain("id=\"eot-samples\"", smoothing); // PGD takes no m

        var attacks = await Form(TradeoffsPresets.Find("kurakin-one-step")!.CreateState());
        Assert.Contains("id=\"series-attacks\"", attacks);
        Assert.DoesNotContain("id=\"attack\"", attacks); // the attacks are the series

        var bad = await Form(new TradeoffsState { ValuesMode = ValuesMode.Range, RangeStart = 1, RangeStop = 0 });
        Assert.Contains("stop (0) is below start (1)", bad);
    }

    [GeneratedRegex("class=\"preset-paper\"")]
    private static partial Regex PaperHeading();
}
