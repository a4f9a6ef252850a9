using Bunit;
using RobustLab.Tests.Web.Components;
using RobustLab.Web.Components.Experiments;
using RobustLab.Web.Services.Experiments;

namespace RobustLab.Tests.Web.Experiments;

// The list (bunit, MudBlazor): one row per experiment with its number, title, kind, status chip and numbers; the open
// one marked; only sweeps can be picked for an overlay, and picking says so; the "Saved as" line links to the experiment.
public sealed class ExperimentTableTests : MudComponentTest
{
    private static ExperimentSummary Summary(long id, string kind, string status, string name = "") =>
        new(id, kind, name, id == 2 ? "compare with last week" : "", status, null, new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero), status == ExperimentStatus.Running ? null : new DateTimeOffset(2026, 11, 22, 3, 0, 12, TimeSpan.Zero),
            ["lenet-like"], "pgd L∞", "jumprelu:1", "kappa", 0, 100, $"lenet-like · kappa {id}", 8, "1.0.0", null);

    private readonly List<(long Id, bool Picked)> _picks = [];

    private IRenderedComponent<ExperimentTable> Render() => Context.Render<ExperimentTable>(p => p
        .Add(c => c.Experiments, new[]
        {
            Summary(1, ExperimentKind.Sweep, ExperimentStatus.Completed),
            Summary(2, ExperimentKind.Training, ExperimentStatus.Running, "my run"),
            Summary(3, ExperimentKind.LabSnapshot, ExperimentStatus.Completed),
            Summary(4, ExperimentKind.Sweep, ExperimentStatus.Failed),
        })
        .Add(c => c.OpenId, 2L)
        .Add(c => c.Picked, new HashSet<long> { 1 })
        .Add(c => c.PickChanged, pick => _picks.Add(pick)));

    [Fact]
    public void Rows_show_each_experiment_and_mark_the_open_one()
    {
        var cut = Render();
        var rows = cut.FindAll("#experiment-table tbody tr");
        Assert.Equal(["1", "2", "3", "4"], rows.Select(r => r.GetAttribute("data-experiment")));
        var open = cut.Find("tr[data-experiment='2']");
        Assert.Equal(("training", "running", "is-open"), (open.GetAttribute("data-kind"), open.GetAttribute("data-status"), open.ClassName));
        Assert.Equal("my run", open.QuerySelector(".experiment-link")!.TextContent); // a user's name wins over the generated title
        Assert.Equal("experiments/2", open.QuerySelector(".experiment-link")!.GetAttribute("href"));
        Assert.Contains("compare with last week", open.QuerySelector(".experiment-note-line")!.TextContent);
        Assert.Equal("#1 lenet-like · kappa 1", cut.Find("tr[data-experiment='1'] .experiment-link").TextContent);
        Assert.Contains("12.0 s", cut.Find("tr[data-experiment='1']").TextContent);
        var created = cut.Find("tr[data-experiment='1'] td[title]"); // to the minute in the narrow column, the full time on hover
        Assert.Equal(("2026-11-22 03:00", "2026-11-22 03:00:00 UTC"), (created.TextContent, created.GetAttribute("title")));
        Assert.Contains("Lab snapshot", cut.Find("tr[data-experiment='3']").TextContent);
        Assert.Contains("mud-chip-color-success", cut.Find("tr[data-experiment='1'] .status-badge").ClassName);
        Assert.Contains("mud-chip-color-info", cut.Find("tr[data-experiment='2'] .status-badge").ClassName);
        Assert.Equal("completed", cut.Find("tr[data-experiment='1'] .status-badge").TextContent.Trim());
    }

    [Fact]
    public void Only_sweeps_can_be_picked_and_a_pick_is_passed_on()
    {
        var cut = Render();
        Assert.Equal(2, cut.FindAll(".overlay-pick").Count);
        Assert.True(cut.Find("tr[data-experiment='1'] .overlay-pick").HasAttribute("checked"));
        Assert.False(cut.Find("tr[data-experiment='4'] .overlay-pick").HasAttribute("checked"));
        cut.Find("tr[data-experiment='4'] .overlay-pick").Change(true);
        cut.Find("tr[data-experiment='1'] .overlay-pick").Change(false);
        Assert.Equal([(4L, true), (1L, false)], _picks);
    }

    [Fact]
    public void The_saved_as_line_links_to_its_experiment_and_is_absent_without_one()
    {
        var cut = Context.Render<SavedAsExperiment>(p => p.Add(c => c.Id, 12L));
        Assert.Equal("12", cut.Find(".saved-as-experiment").GetAttribute("data-experiment"));
        var link = cut.Find("a.saved-as-link");
        Assert.Equal(("experiments/12", "experiment #12"), (link.GetAttribute("href"), link.TextContent));
        Assert.Equal("", Context.Render<SavedAsExperiment>(p => p.Add(c => c.Id, null)).Markup.Trim());
    }
}
