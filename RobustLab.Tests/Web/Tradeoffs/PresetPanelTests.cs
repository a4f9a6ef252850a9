using Bunit;
using RobustLab.Tests.Web.Components;
using RobustLab.Web.Components.Tradeoffs;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Tests.Web.Tradeoffs;

// The Trade-offs page's preset panel on MudBlazor: one named group of buttons per paper, the chosen one pressed and explained.
public sealed class PresetPanelTests : MudComponentTest
{
    private TradeoffsPreset? _chosen;

    private IRenderedComponent<PresetPanel> Panel(TradeoffsPreset? selected, bool modified = false) => Context.Render<PresetPanel>(p => p
        .Add(c => c.Selected, selected)
        .Add(c => c.Modified, modified)
        .Add(c => c.OnSelect, preset => _chosen = preset));

    [Fact]
    public void Offers_every_preset_grouped_by_paper_and_explains_the_chosen_one()
    {
        var chosen = TradeoffsPresets.Find("borji-fgsm-alpha")!;
        var panel = Panel(chosen);
        foreach (var preset in TradeoffsPresets.All) Assert.Equal(preset.Title, panel.Find($"#preset-{preset.Id}").TextContent.Trim());
        var groups = panel.FindAll(".preset-group");
        Assert.Equal(5, groups.Count);
        Assert.All(groups, g => Assert.Equal("group", g.GetAttribute("role")));
        Assert.Contains(groups, g => g.GetAttribute("aria-label") == "Presets: Sloped ReLU (Borji)");
        Assert.Contains("Reliable evaluation (Croce", panel.Markup);
        Assert.Equal("true", panel.Find("#preset-borji-fgsm-alpha").GetAttribute("aria-pressed"));
        Assert.Single(panel.FindAll("[aria-pressed='true']"));
        Assert.Contains("mud-button-filled", panel.Find("#preset-borji-fgsm-alpha").ClassName);

        var explanation = panel.Find("#preset-explanation");
        Assert.Equal("borji-fgsm-alpha", explanation.GetAttribute("data-preset"));
        Assert.Contains("Borji Fig. 2 (top left)", explanation.TextContent);
        Assert.Contains("the softmax saturates", explanation.TextContent); // why the FGSM curves flatten: gradient masking
        Assert.Contains("compare the step l.l. and BPDA presets", explanation.TextContent);
        Assert.Contains("Runs on the first 300 test images", explanation.TextContent);
        Assert.Contains("the paper used 10,000", explanation.TextContent);
        Assert.Empty(panel.FindAll(".preset-modified"));
        Assert.Equal("settings changed", Panel(chosen, modified: true).Find(".preset-modified").TextContent.Trim());
    }

    [Fact]
    public void Pressing_a_preset_chooses_it()
    {
        var panel = Panel(null);
        Assert.Empty(panel.FindAll("#preset-explanation"));
        Assert.Empty(panel.FindAll("[aria-pressed='true']"));
        panel.Find("#preset-jumprelu-transfer").Click();
        Assert.Equal("jumprelu-transfer", _chosen?.Id);
        panel.Render(p => p.Add(c => c.Selected, _chosen));
        Assert.Equal("true", panel.Find("#preset-jumprelu-transfer").GetAttribute("aria-pressed"));
        Assert.Equal("jumprelu-transfer", panel.Find("#preset-explanation").GetAttribute("data-preset"));
    }
}
