using System.Net;
using RobustLab.Web.Components.ModelInfo;
using RobustLab.Web.Services;

namespace RobustLab.Tests.Web;

// The start page's accuracy display, rendered to HTML for each phase of an AccuracyState.
public sealed class AccuracyDisplayTests
{
    private static async Task<string> Render(AccuracyState state) =>
        WebUtility.HtmlDecode(await ComponentRenderer.RenderAsync<AccuracyDisplay>(
            new Dictionary<string, object?> { ["State"] = state, ["Label"] = "All test images" }));

    [Fact]
    public async Task Done_shows_the_accuracy_and_the_counts()
    {
        var html = await Render(AccuracyState.Done(new AccuracyResult(9_876, 10_000)));
        Assert.Contains("All test images", html);
        Assert.Contains("98.76 %", html);
        Assert.Contains("9,876 of 10,000 images classified correctly", html);
        Assert.Contains("data-phase=\"Done\"", html);
    }

    [Fact]
    public async Task Computing_shows_progress_and_the_running_accuracy()
    {
        var html = await Render(AccuracyState.Computing(new EvaluationProgress(2_560, 10_000, 2_528)));
        Assert.Contains("Computing… 2,560 of 10,000 images", html);
        Assert.Contains("98.75 % so far", html);
        Assert.Contains("rz-progressbar", html);
        Assert.DoesNotContain("classified correctly", html);
    }

    [Fact]
    public async Task Waiting_shows_why()
    {
        var html = await Render(AccuracyState.Waiting("Queued…"));
        Assert.Contains("Queued…", html);
        Assert.Contains("data-phase=\"Waiting\"", html);
    }

    [Fact]
    public async Task Unavailable_shows_the_reason_instead_of_a_number()
    {
        var html = await Render(AccuracyState.Unavailable("Needs the model and the MNIST test set."));
        Assert.Contains("Needs the model and the MNIST test set.", html);
        Assert.DoesNotContain("%", html);
    }
}
