using System.Net;
using RobustLab.Web.Components.Experiments;
using RobustLab.Web.Services.Experiments;

namespace RobustLab.Tests.Web.Experiments;

// The list rendered to HTML: one row per experiment with its number, title, kind, status badge and numbers; the open
// one marked; only sweeps can be picked for an overlay; the "Saved as" line links to the experiment.
public sealed class ExperimentTableRenderTests
{
    private static ExperimentSummary Summary(long id, string kind, string status, string name = "") =>
        new(id, kind, name, id == 2 ? "compare with last week" : "", status, null, new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero), status == ExperimentStatus.Running ? null : new DateTimeOffset(2026, 11, 22, 3, 0, 12, TimeSpan.Zero),
            ["lenet-like"], "pgd L∞", "jumprelu:1", "kappa", 0, 100, $"lenet-like · kappa {id}", 8, "1.0.0", null);

    [Fact]
    public async Task Rows_show_each_experiment_and_only_sweeps_can_be_picked()
    {
        var html = WebUtility.HtmlDecode(await ComponentRenderer.RenderAsync<ExperimentTable>(new Dictionary<string, object?>
        {
            ["Experiments"] = new[]
            {
                Summary(1, ExperimentKind.Sweep, ExperimentStatus.Completed),
                Summary(2, ExperimentKind.Training, ExperimentStatus.Running, "my run"),
                Summary(3, ExperimentKind.LabSnapshot, ExperimentStatus.Completed),
            },
            ["OpenId"] = 2L,
            ["Picked"] = new HashSet<long> { 1 },
        }));
        Assert.Equal(3, CountOf(html, "<tr data-experiment="));
        Assert.Contains("<tr data-experiment=\"2\" data-kind=\"training\" data-status=\"running\" class=\"is-open\">", html);
        Assert.Equal(1, CountOf(html, "class=\"overlay-pick\""));
        Assert.Contains("checked", html[html.IndexOf("overlay-pick", StringComparison.Ordinal)..html.IndexOf("</td>", StringComparison.Ordinal)]);
        Assert.Contains(">my run</a>", html); // a user's name wins over the generated title
        Assert.Contains(">#1 lenet-like · kappa 1</a>", html);
        Assert.Contains("compare with last week", html);
        Assert.Contains("12.0 s", html);
        Assert.Contains("Lab snapshot", html);
        Assert.Contains("rz-badge-success", html);
        Assert.Contains("rz-badge-info", html);
    }

    [Fact]
    public async Task The_saved_as_line_links_to_its_experiment_and_is_absent_without_one()
    {
        var html = await ComponentRenderer.RenderAsync<SavedAsExperiment>(new Dictionary<string, object?> { ["Id"] = 12L });
        Assert.Contains("data-experiment=\"12\"", html);
        Assert.Contains("<a href=\"experiments/12\" class=\"saved-as-link\">experiment #12</a>", html);
        Assert.Equal("", (await ComponentRenderer.RenderAsync<SavedAsExperiment>(new Dictionary<string, object?> { ["Id"] = null })).Trim());
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
