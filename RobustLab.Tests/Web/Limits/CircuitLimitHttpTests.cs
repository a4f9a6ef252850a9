using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RobustLab.Web.Services.Limits;

namespace RobustLab.Tests.Web.Limits;

// The circuit limits at the HTTP request for a page: past a limit an interactive page is answered with the static
// "lab is full" page (503, Retry-After, no circuit script); everything else passes. The places are taken through the
// app's own CircuitLimiter, as the hub filter takes them for real circuits (the browser tests start real ones).
public sealed class CircuitLimitHttpTests(LimitsLabFactory factory) : IClassFixture<LimitsLabFactory>
{
    private CircuitLimiter Limiter => factory.Services.GetRequiredService<CircuitLimiter>();

    // The key the app sees for this test client (an in-memory server has no remote address: "unknown").
    private async Task<string> ClientKeyAsync(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/limits"));
        return json.RootElement.GetProperty("circuits").GetProperty("client").GetString()!;
    }

    private List<CircuitLease> Take(string client, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Limiter.TryAcquire(client, out _) ?? throw new InvalidOperationException("The lab is full already."))];

    private static void Free(IEnumerable<CircuitLease> leases)
    {
        foreach (var lease in leases) lease.Dispose();
    }

    [Fact]
    public async Task Past_the_per_client_limit_a_page_is_answered_with_the_lab_is_full_page()
    {
        using var client = factory.CreateClient();
        var leases = Take(await ClientKeyAsync(client), LimitsLabFactory.PerClient);
        try
        {
            using var response = await client.GetAsync("/train");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(LimitsLabFactory.RetryAfter), response.Headers.RetryAfter?.Delta);
            Assert.True(response.Headers.CacheControl?.NoStore);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Matches("<h1[^>]*>The lab is full</h1>", html);
            Assert.Contains($"This computer already has {LimitsLabFactory.PerClient} lab tabs open", html);
            Assert.Contains($"{LimitsLabFactory.PerClient} of {LimitsLabFactory.Total} places in the lab are in use", html);
            Assert.Contains($"tries again by itself in {LimitsLabFactory.RetryAfter} seconds", html);
            Assert.Contains("href=\"/train\"", html); // "try again now" asks for the same page
            Assert.DoesNotContain("blazor.web.js", html); // static: no circuit is started from this page
            Assert.DoesNotContain("Train a network", html);   // and the page itself was not rendered
        }
        finally
        {
            Free(leases.Skip(1));
        }
        // One tab closed: there is room again.
        using var again = await client.GetAsync("/train");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("_framework/blazor.web.js", await again.Content.ReadAsStringAsync());
        Free(leases);
    }

    [Fact]
    public async Task Past_the_total_limit_every_client_gets_the_full_page_with_the_count_in_use()
    {
        var leases = Enumerable.Range(1, LimitsLabFactory.Total).SelectMany(i => Take($"10.0.0.{i}", 1)).ToList();
        try
        {
            using var client = factory.CreateClient();
            using var response = await client.GetAsync("/tradeoffs?knob=eps");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains($"All {LimitsLabFactory.Total} places in the lab are taken: {LimitsLabFactory.Total} sessions are in use.", html);
            Assert.Contains("href=\"/tradeoffs?knob=eps\"", html);
            Assert.Contains($"data-in-use=\"{LimitsLabFactory.Total}\"", html);
        }
        finally
        {
            Free(leases);
        }
    }

    [Fact]
    public async Task Static_files_and_http_endpoints_pass_when_the_lab_is_full()
    {
        var leases = Enumerable.Range(1, LimitsLabFactory.Total).SelectMany(i => Take($"10.0.1.{i}", 1)).ToList();
        try
        {
            using var client = factory.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/favicon.svg")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/_framework/blazor.web.js")).StatusCode);
            using var json = JsonDocument.Parse(await client.GetStringAsync("/api/limits"));
            var circuits = json.RootElement.GetProperty("circuits");
            Assert.Equal(LimitsLabFactory.Total, circuits.GetProperty("total").GetInt32());
            Assert.Equal(LimitsLabFactory.Total, circuits.GetProperty("totalLimit").GetInt32());
            Assert.Equal(LimitsLabFactory.PerClient, circuits.GetProperty("clientLimit").GetInt32());
            Assert.Equal(1, json.RootElement.GetProperty("jobs").GetProperty("perUser").GetInt32());
        }
        finally
        {
            Free(leases);
        }
    }
}
