using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RobustLab.Engine.Sweeps;
using RobustLab.Web.Services.Experiments;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Tests.Web.Experiments;

// The Experiments page served by the real app (prerendered, no browser): the list with a recorded sweep, that sweep
// opened by its address with its settings and run facts, a missing one said to be missing, and the menu entry.
public sealed class ExperimentsPagePrerenderTests(TinyLabFactory factory) : IClassFixture<TinyLabFactory>
{
    private long RecordSweep(string name)
    {
        var store = factory.Services.GetRequiredService<ExperimentStore>();
        var settings = TradeoffsPresets.Default.CreateState();
        var run = store.BeginSweep(settings, "a recorded test sweep");
        run.Add(ExperimentSeries.SweepPoint, new SweepPoint("s", settings.Knob, 0, 0.5, null, 10, 0.9f, 0.4f, 0.5f, 0.5f, 0.2f, 0.1f, 1.5f, 0.3f,
            null, 0.1, "lenet-like", null, settings.Attack));
        run.Finish();
        store.Rename(run.Id, name);
        return run.Id;
    }

    [Fact]
    public async Task The_list_and_an_opened_sweep_are_served_with_their_settings_and_run_facts()
    {
        long id = RecordSweep("prerendered sweep");
        using var client = factory.CreateClient();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/experiments/{id}"));
        Assert.Contains("<title>Experiments · RobustLab</title>", html);
        Assert.Contains($"<tr data-experiment=\"{id}\" data-kind=\"sweep\" data-status=\"completed\"", html); // the row
        Assert.Contains(">prerendered sweep</a>", html);
        // and the opened one (MudBlazor orders the attributes its own way)
        Assert.Matches($"<div (?=[^>]*class=\"[^\"]*experiment-detail)(?=[^>]*data-experiment=\"{id}\")(?=[^>]*data-kind=\"sweep\")(?=[^>]*data-status=\"completed\")", html);
        Assert.Contains("a recorded test sweep", html);
        Assert.Contains($"<dt>knob</dt><dd>{TradeoffsPresets.Default.CreateState().Knob}</dd>", html);
        Assert.Contains("<dt>points</dt><dd>1</dd>", html);
        Assert.Contains("id=\"rerun-button\"", html);
        Assert.Contains("href=\"experiments\"", html); // the menu entry
    }

    [Fact]
    public async Task A_missing_experiment_is_said_to_be_missing()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/experiments/987654");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is no experiment #987654 (it may have been deleted).", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }
}
