using System.Net;
using System.Text.RegularExpressions;
using RobustLab.Web.Components.Tradeoffs;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Tests.Web.Tradeoffs;

// The Trade-offs page's preset panel, rendered to HTML.
public sealed partial class PresetPanelTests
{
    private static async Task<string> Panel(TradeoffsPreset? selected, bool modified = false) =>
        WebUtility.HtmlDecode(await ComponentRenderer.RenderAsync<PresetPanel>(
            new Dictionary<string, object?> { ["Selected"] = selected, ["Modified"] = modified }));

    [Fact]
    public async Task Offers_every_preset_grouped_by_paper_and_explains_the_chosen_one()
    {
        var chosen = TradeoffsPresets.Find("borji-fgsm-alpha")!;
        var html = await Panel(chosen);
        foreach (var preset in TradeoffsPresets.All) Assert.Contains($"id=\"preset-{preset.Id}\"", html);
        Assert.Equal(5, PaperHeading().Matches(html).Count);
        Assert.Contains("Reliable evaluation (Croce", html);
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

    [GeneratedRegex("class=\"preset-paper\"")]
    private static partial Regex PaperHeading();
}
