using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RobustLab.Tests.EndToEnd;

// Issue 5 fault test: the browser disconnects mid-sweep → the job stops within 1 s. A sweep far too large to finish
// (PGD-40 on 10,000 test images at eight values of κ: minutes) is checked to be running and computing, then the
// browser's connection is cut without any unload, and the server's own log says when and how the job ended.
// In the browser collection, so that no other browser test competes for the two cores meanwhile.
[Collection(BrowserCollection.Name)]
public sealed partial class DisconnectMidSweepTests : IAsyncLifetime
{
    // The requirement. The server measures it itself (JobQueue logs "stopped N ms after its cancellation was requested",
    // the cancellation coming from ConnectionLossHandler the moment the connection goes down).
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    // Seen from the test, the end also includes noticing the lost socket and the log line's trip through the app's
    // console logger and a pipe: 1 s more for those, on a two-core machine shared with other jobs.
    private static readonly TimeSpan ObservedBound = Bound + TimeSpan.FromSeconds(1);

    private const string StateScript = "document.querySelector('#sweep-status .job-status')?.dataset.state";

    private readonly TempDirectory _temp = new();
    private LabServer? _server;

    private LabServer Server => _server!;

    public async Task InitializeAsync() =>
        _server = await LabServer.StartAsync(new Dictionary<string, string> { ["RobustLab__RegistryDirectory"] = _temp.File("registry") });

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_killed_browser_stops_its_sweep_within_a_second()
    {
        await using var browser = await KillableBrowser.LaunchAsync();
        var page = await browser.NewPageAsync();
        long job = await StartLongSweepAsync(page);

        long cut = Stopwatch.GetTimestamp();
        browser.Kill(); // SIGKILL: the sockets close with the process, no unload, no disconnect beacon

        await AssertStoppedAsync(job, cut);
    }

    [Fact]
    public async Task A_crashed_tab_stops_its_sweep_within_a_second()
    {
        await using var browser = await KillableBrowser.LaunchAsync();
        var page = await browser.NewPageAsync();
        long job = await StartLongSweepAsync(page);
        var devTools = await page.Context.NewCDPSessionAsync(page);

        long cut = Stopwatch.GetTimestamp();
        _ = devTools.SendAsync("Page.crash"); // the renderer dies: its sockets are closed, no unload runs; no answer comes back

        await AssertStoppedAsync(job, cut);
    }

    [Fact]
    public async Task A_dropped_websocket_stops_the_sweep_and_the_page_tells_why_once_it_reconnects()
    {
        await using var browser = await KillableBrowser.LaunchAsync();
        var page = await browser.NewPageAsync();
        // The page's WebSocket goes through a Playwright route, so the test can drop it from both ends at once
        // (the network between them gone); Blazor then reconnects to the same circuit through a fresh route.
        var routes = new List<(IWebSocketRoute Page, IWebSocketRoute Server)>();
        await page.RouteWebSocketAsync(new Regex("/_blazor"), ws =>
        {
            var server = ws.ConnectToServer();
            lock (routes) routes.Add((ws, server));
        });
        long job = await StartLongSweepAsync(page);

        (IWebSocketRoute Page, IWebSocketRoute Server) first;
        lock (routes) first = routes[0];
        long cut = Stopwatch.GetTimestamp();
        await first.Server.CloseAsync(new() { Code = 1006 });
        await first.Page.CloseAsync(new() { Code = 1006 });

        await AssertStoppedAsync(job, cut);
        await page.WaitForFunctionAsync($"{StateScript} === 'Cancelled'", null, new() { Timeout = 60_000, PollingInterval = 100 });
        await Assertions.Expect(page.Locator("#sweep-status")).ToContainTextAsync("The connection to the page was lost.");
    }

    // Opens the Trade-offs page, starts a sweep that cannot finish during the test, and waits until it is computing
    // (running, with progress and an ETA on the page); returns its job id from the server's log.
    private async Task<long> StartLongSweepAsync(IPage page)
    {
        long since = Stopwatch.GetTimestamp();
        await page.GotoAsync(new Uri(Server.Address, "tradeoffs").ToString());
        await page.Locator("[data-interactive='true']").WaitForAsync(new() { Timeout = 60_000 });
        await page.Locator("#preset-jumprelu-kappa-pgd").ClickAsync();
        await page.Locator("#preset-explanation[data-preset='jumprelu-kappa-pgd']").WaitForAsync();
        var examples = page.Locator("input#examples");
        await examples.FillAsync("10000");
        await examples.PressAsync("Tab");
        await Assertions.Expect(page.Locator(".preset-modified")).ToBeVisibleAsync();
        await page.Locator("#run-button").ClickAsync();

        var (started, _) = await Server.WaitForLineAsync(JobRunning(), since, TimeSpan.FromSeconds(60));
        await page.WaitForFunctionAsync($"{StateScript} === 'Running'", null, new() { Timeout = 60_000, PollingInterval = 100 });
        await Assertions.Expect(page.Locator("#sweep-status")).ToContainTextAsync("left", new() { Timeout = 120_000 }); // computing: an ETA
        return long.Parse(started.Groups[1].Value);
    }

    private async Task AssertStoppedAsync(long job, long cut)
    {
        var (ended, at) = await Server.WaitForLineAsync(JobEnded(job), cut, TimeSpan.FromSeconds(30));
        var (stopped, _) = await Server.WaitForLineAsync(JobStopped(job), cut, TimeSpan.FromSeconds(5));
        await Server.WaitForLineAsync(new Regex(@$"Connection of circuit-\w+ lost: cancelling job {job} "), cut, TimeSpan.FromSeconds(5));
        var serverSide = TimeSpan.FromMilliseconds(int.Parse(stopped.Groups[1].Value));
        var observed = Stopwatch.GetElapsedTime(cut, at);
        Assert.Equal("Cancelled: The connection to the page was lost.", ended.Groups[1].Value);
        Assert.True(serverSide <= Bound, $"Job {job} stopped {serverSide.TotalMilliseconds} ms after its cancellation; the bound is {Bound.TotalMilliseconds} ms.\n{Server.Log}");
        Assert.True(observed <= ObservedBound,
            $"Job {job} ended {observed.TotalMilliseconds:0} ms after the connection was cut; the bound is {ObservedBound.TotalMilliseconds} ms.\n{Server.Log}");
        Console.WriteLine($"Job {job}: connection cut → job ended {observed.TotalMilliseconds:0} ms (seen by the test); stopped {serverSide.TotalMilliseconds} ms after its cancellation (server).");
    }

    [GeneratedRegex(@"Job (\d+) \(Sweep kappa\) of circuit-\w+: Running\.")]
    private static partial Regex JobRunning();

    private static Regex JobEnded(long job) => new(@$"Job {job} \(Sweep kappa\) of circuit-\w+: (.+) after \d");

    private static Regex JobStopped(long job) => new(@$"Job {job} stopped (\d+) ms after its cancellation was requested\.");
}
