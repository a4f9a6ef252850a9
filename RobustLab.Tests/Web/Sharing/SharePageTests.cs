using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Bunit;
using MudBlazor.Services;
using RobustLab.Web.Components.Sharing;
using RobustLab.Web.Services.Sharing;

namespace RobustLab.Tests.Web.Sharing;

// The pages with a link, served by the real app in-process: the prerendered page already shows the link's settings, its
// canonical query and what was ignored; the message list and its settings.
public sealed class SharePageTests(TinyLabFactory factory) : IClassFixture<TinyLabFactory>
{
    private async Task<string> Get(string path)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_lab_link_sets_the_controls_of_the_prerendered_page()
    {
        var html = await Get("/lab?img=mnist:5&act=jumprelu&kappa=0.75&eps=0.2&bogus=1");
        Assert.Contains("data-link-query=\"img=mnist:5&act=jumprelu&kappa=0.75&eps=0.2\"", html);
        Assert.Contains("id=\"kappa-range\"", html);
        Assert.Matches("id=\"epsilon-range\"[^>]*value=\"0.2\"|value=\"0.2\"[^>]*id=\"epsilon-range\"", html);
        Assert.Contains("<li>'bogus' is not a setting of the Lab: ignored.</li>", html);
        Assert.Contains("id=\"copy-link-button\"", html);

        var plain = await Get("/lab");
        Assert.Contains("data-link-query=\"\"", plain);
        Assert.DoesNotContain("id=\"link-messages\"", plain);
    }

    [Fact]
    public async Task A_tradeoffs_link_sets_the_form_and_shows_why_it_would_not_run()
    {
        var html = await Get("/tradeoffs?preset=borji-fgsm-alpha&examples=77&unbounded=1&attack=deepfool");
        Assert.Contains("data-link-query=\"preset=borji-fgsm-alpha&attack=deepfool&unbounded=1&examples=77\"", html);
        Assert.Contains("data-preset=\"borji-fgsm-alpha\"", html);
        Assert.Contains("value=\"77\"", html);
        Assert.Contains("<li>Not runnable as linked: An unbounded attack has no budget to vary", html);
        Assert.Contains("id=\"share-run\"", html);
    }

    [Fact]
    public async Task Link_messages_render_as_a_dismissible_list_and_nothing_when_there_are_none()
    {
        // On MudBlazor (a MudAlert): bunit with MudBlazor's services.
        await using var context = new Bunit.BunitContext();
        context.Services.AddMudServices();
        context.JSInterop.Mode = Bunit.JSRuntimeMode.Loose;
        IReadOnlyList<string> messages = [.. Enumerable.Range(1, 25).Select(i => $"problem {i}")];
        var cut = context.Render<LinkMessages>(p => p.Add(c => c.Messages, messages));
        var html = WebUtility.HtmlDecode(cut.Markup);
        Assert.Contains("id=\"link-messages-dismiss\"", html);
        Assert.Contains("<li>problem 20</li>", html);
        Assert.DoesNotContain("<li>problem 21</li>", html);
        Assert.Contains("… and 5 more.", html);
        cut.Find("#link-messages-dismiss").Click();
        Assert.Empty(cut.FindAll("#link-messages"));
        cut.Render(p => p.Add(c => c.Messages, (IReadOnlyList<string>)["another link's problem"])); // a new list shows again
        Assert.Equal("another link's problem", cut.Find("#link-messages li").TextContent);
        Assert.Equal("", context.Render<LinkMessages>(p => p.Add(c => c.Messages, (IReadOnlyList<string>)[])).Markup.Trim());
    }

    [Fact]
    public void Sharing_settings_are_checked_at_startup_with_a_clear_message()
    {
        Assert.Null(new SharingOptions().Problem());
        Assert.Contains("MaxLinkQueryLength must be 200 to 8000, got 50", new SharingOptions { MaxLinkQueryLength = 50 }.Problem());
        Assert.Contains("MaxQueryLength must be at least MaxLinkQueryLength (1800)", new SharingOptions { MaxQueryLength = 1000 }.Problem());
        // The app checks the section at startup (ValidateOnStart) with this validator, whose message names the setting.
        var validator = Assert.Single(factory.Services.GetServices<IValidateOptions<SharingOptions>>());
        var result = validator.Validate(null, new SharingOptions { MaxQueryLength = 100_000 });
        Assert.Equal(["RobustLab:Sharing:MaxQueryLength must be at least MaxLinkQueryLength (1800) and at most 16384, got 100000."], result.Failures);
        Assert.True(validator.Validate(null, new SharingOptions()).Succeeded);
    }
}

// Valid links of every shape render the real pages (the form and the controls accept whatever a link can say).
public sealed class ValidLinkPageTests(TinyLabFactory factory) : IClassFixture<TinyLabFactory>
{
    [Fact]
    public async Task Random_valid_links_render_both_pages_with_their_own_query()
    {
        using var client = factory.CreateClient();
        var rng = new Random(77);
        for (int i = 0; i < 100; i++)
        {
            var (state, presetId) = TradeoffsLinkTests.RandomSettings(rng);
            state.Model = state.SourceModel = "lenet-like";
            if (state.SeriesBy == RobustLab.Web.Services.Tradeoffs.TradeoffsState.SeriesByModel) state.SeriesValuesText = "lenet-like";
            string query = TradeoffsLink.Encode(state, presetId);
            var response = await client.GetAsync("/tradeoffs?" + query);
            Assert.True(response.StatusCode == HttpStatusCode.OK, query);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            int at = html.IndexOf("data-link-query=\"", StringComparison.Ordinal) + "data-link-query=\"".Length;
            Assert.Equal(query, html[at..html.IndexOf('"', at)]);
        }
        for (int i = 0; i < 50; i++)
        {
            var lab = LabLinkTests.RandomState(rng);
            lab.SetModel("lenet-like", ["lenet-like"]);
            if (lab.Image!.TestIndex is > 0) lab.SetImage(lab.Image with { TestIndex = lab.Image.TestIndex % 300 });
            string query = LabLink.Encode(lab, 1800).Query;
            var response = await client.GetAsync("/lab?" + query);
            Assert.True(response.StatusCode == HttpStatusCode.OK, query);
        }
    }
}
