using System.Net;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Sharing;
using Xunit.Abstractions;

namespace RobustLab.Tests.Web.Sharing;

// Issue 5's fault test for the pages' links: 1,000 seeded malformed query strings per page, each rejected or ignored with a
// message and never an exception — through the codec and its checks, and through the real page components served by the
// real app in-process (the prerendered page; the browser tests send a sample through a live circuit).
public sealed class MalformedLinkTests(TinyLabFactory factory, ITestOutputHelper output) : IClassFixture<TinyLabFactory>
{
    public const int Count = 1000;

    [Fact]
    public void Every_malformed_lab_link_is_ignored_with_a_message_and_leaves_a_valid_state()
    {
        var links = new MalformedLinks(new Random(501), MalformedLinks.Lab);
        for (int i = 0; i < Count; i++)
        {
            var (query, faults) = links.Next();
            var state = new LabState();
            var messages = LabLink.Apply(LinkQuery.Parse(query, 4096), state, LabLinkTests.Context(testImages: 300));
            Assert.True(messages.Count > 0, $"#{i} ({faults}) gave no message: {MalformedLinks.Printable(query)}");
            // What the page shows is a state a link can reproduce: its own link reads back without a complaint.
            var again = new LabState();
            Assert.Empty(LabLink.Apply(LinkQuery.Parse(LabLink.Encode(state, 4096).Query, 4096), again, LabLinkTests.Context(testImages: 300)));
        }
    }

    [Fact]
    public void Every_malformed_tradeoffs_link_is_ignored_with_a_message_and_never_runs()
    {
        var links = new MalformedLinks(new Random(502), MalformedLinks.Tradeoffs);
        for (int i = 0; i < Count; i++)
        {
            var (query, faults) = links.Next();
            var read = TradeoffsLink.Read(LinkQuery.Parse(query, 4096), TradeoffsLinkTests.Models);
            Assert.True(read.Ignored.Count > 0, $"#{i} ({faults}) gave no message: {MalformedLinks.Printable(query)}");
            Assert.False(read.Run);
            Assert.Empty(TradeoffsLink.Read(LinkQuery.Parse(TradeoffsLink.Encode(read.State, read.PresetId), 4096), TradeoffsLinkTests.Models).Ignored);
        }
    }

    [Theory]
    [InlineData("lab", 503)]
    [InlineData("tradeoffs", 504)]
    public async Task The_real_page_renders_every_malformed_link_with_its_messages(string page, int seed)
    {
        var links = new MalformedLinks(new Random(seed), page == "lab" ? MalformedLinks.Lab : MalformedLinks.Tradeoffs);
        using var client = factory.CreateClient();
        var started = DateTime.UtcNow;
        for (int i = 0; i < Count; i++)
        {
            var (query, faults) = links.Next();
            using var response = await client.GetAsync($"/{page}?{query}");
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"#{i} ({faults}): {(int)response.StatusCode} for {MalformedLinks.Printable(query)}");
            Assert.True(html.Contains("id=\"link-messages\"") && html.Contains("<li>"), $"#{i} ({faults}) showed no message: {MalformedLinks.Printable(query)}");
            Assert.Contains("id=\"copy-link-button\"", html);
        }
        output.WriteLine($"{Count} malformed links to /{page} rendered in {(DateTime.UtcNow - started).TotalSeconds:F1} s.");
    }
}
