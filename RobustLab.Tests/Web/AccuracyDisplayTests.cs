using Bunit;
using RobustLab.Tests.Web.Components;
using RobustLab.Web.Components.ModelInfo;
using RobustLab.Web.Services;

namespace RobustLab.Tests.Web;

// The start page's accuracy display (bunit, MudBlazor) for each phase of an AccuracyState.
public sealed class AccuracyDisplayTests : MudComponentTest
{
    private IRenderedComponent<AccuracyDisplay> Render(AccuracyState state) =>
        Context.Render<AccuracyDisplay>(p => p.Add(c => c.State, state).Add(c => c.Label, "All test images"));

    [Fact]
    public void Done_shows_the_accuracy_and_the_counts()
    {
        var cut = Render(AccuracyState.Done(new AccuracyResult(9_876, 10_000)));
        Assert.Equal("Done", cut.Find(".accuracy-display").GetAttribute("data-phase"));
        Assert.Contains("All test images", cut.Markup);
        Assert.Equal("98.76 %", cut.Find(".accuracy-value").TextContent);
        Assert.Contains("9,876 of 10,000 images classified correctly", cut.Find(".accuracy-display").TextContent);
    }

    [Fact]
    public void Computing_shows_progress_and_the_running_accuracy()
    {
        var cut = Render(AccuracyState.Computing(new EvaluationProgress(2_560, 10_000, 2_528)));
        var text = cut.Find(".accuracy-display").TextContent;
        Assert.Contains("Computing… 2,560 of 10,000 images", text);
        Assert.Contains("98.75 % so far", text);
        Assert.Equal("25.6", cut.Find(".mud-progress-linear").GetAttribute("aria-valuenow"));
        Assert.DoesNotContain("classified correctly", text);
    }

    [Fact]
    public void Waiting_shows_why()
    {
        var cut = Render(AccuracyState.Waiting("Queued…"));
        Assert.Equal("Waiting", cut.Find(".accuracy-display").GetAttribute("data-phase"));
        Assert.NotEmpty(cut.FindAll(".mud-progress-indeterminate"));
        Assert.Contains("Queued…", cut.Markup);
    }

    [Fact]
    public void Unavailable_shows_the_reason_instead_of_a_number()
    {
        var cut = Render(AccuracyState.Unavailable("Needs the model and the MNIST test set."));
        Assert.Contains("Needs the model and the MNIST test set.", cut.Find(".mud-alert").TextContent);
        Assert.DoesNotContain("%", cut.Markup);
    }
}
