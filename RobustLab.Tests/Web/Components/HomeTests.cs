using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RobustLab.Web.Components.Pages;
using RobustLab.Web.Services;

namespace RobustLab.Tests.Web.Components;

// The start page (bunit, MudBlazor) on a lab with no model or data: what is missing and how to fix it, shown without the
// server's absolute paths; the slider and its number box have real names (issue 9: the slider was called "Value").
public sealed class HomeTests : MudComponentTest, IDisposable
{
    private TinyLab _lab = new(withModel: false, withData: false);
    private DefaultModelService _models = default!;

    public HomeTests()
    {
        Use(_lab);
        Context.Services.AddSingleton(_ => _models); // the one of the lab in use when the page is rendered
    }

    private void Use(TinyLab lab)
    {
        _lab = lab;
        var paths = new LabPaths(null, _lab.ModelsDirectory, _lab.DataDirectory);
        _models = new DefaultModelService(paths, Options.Create(new LabOptions { DownloadMnist = false }), NullLogger<DefaultModelService>.Instance);
    }

    public void Dispose() => _lab.Dispose();

    [Fact]
    public async Task The_slider_and_its_number_box_evaluate_the_first_n_images_and_a_clamped_count_says_so()
    {
        _lab.Dispose();
        Use(new TinyLab(images: 300));
        var cut = Context.Render<Home>();
        await _models.EnsureStarted();
        cut.WaitForAssertion(() => Assert.False(cut.Find("input#first-slider").HasAttribute("disabled")), TimeSpan.FromSeconds(30));

        cut.Find("input#first-slider").Change("200"); // released at 200
        Assert.Equal("200", cut.Find("#first-count").TextContent);
        cut.WaitForAssertion(() => Assert.Contains("of 200 images classified correctly", cut.Find("#first-accuracy").TextContent), TimeSpan.FromSeconds(30));

        cut.Find("#first-number").Change("1e9");
        // NOTE: MudBlazor's text field hands the change on asynchronously: wait for it.
        cut.WaitForAssertion(() => Assert.Equal("N set to 10000, the maximum.", cut.Find("#first-number-helper-text").TextContent.Trim()));
        Assert.Equal("10,000", cut.Find("#first-count").TextContent);
        Assert.Equal("10000", cut.Find("input#first-slider").GetAttribute("value"));
    }

    [Fact]
    public async Task A_missing_model_is_explained_without_absolute_paths_and_the_controls_are_named()
    {
        var cut = Context.Render<Home>();
        await _models.EnsureStarted();
        cut.WaitForAssertion(() => Assert.Equal("Missing", cut.Find(".resource-line").GetAttribute("data-status")));
        Assert.Contains("No model file at …/models/lenet-like.safetensors.", cut.Markup);
        Assert.Contains("How to fix:", cut.Find(".resource-line .mud-alert").TextContent);
        Assert.DoesNotContain(_lab.Root, cut.Markup);
        Assert.NotEmpty(cut.FindAll("#retry-button"));

        var slider = cut.Find("input#first-slider");
        Assert.Equal("Test images to evaluate", slider.GetAttribute("aria-label"));
        Assert.Equal("Test images to evaluate", cut.Find("label[for='first-number']").TextContent);
        Assert.True(slider.HasAttribute("disabled")); // nothing to evaluate yet
    }
}
