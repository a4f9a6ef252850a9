using System.Text.Json;
using Microsoft.Playwright;

namespace RobustLab.Tests.EndToEnd;

/// <summary>
/// A lab of its own for the limits: the real app with small limits given as environment variables (as the load test
/// raises them), and Chromium. Three places in total and per client (every tab comes from 127.0.0.1), one heavy job
/// at a time and none waiting.
/// </summary>
public sealed class LimitsLab : IAsyncLifetime
{
    public const int Places = 3, RetryAfter = 5;

    private readonly TempDirectory _temp = new();
    private IPlaywright? _playwright;

    internal LabServer Server { get; private set; } = default!;

    public IBrowserContext Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Server = await LabServer.StartAsync(new Dictionary<string, string>
        {
            ["RobustLab__RegistryDirectory"] = _temp.File("registry"),
            ["RobustLab__WarmUpOnStartup"] = "false",
            ["RobustLab__Limits__CircuitsPerClient"] = $"{Places}",
            ["RobustLab__Limits__CircuitsTotal"] = $"{Places}",
            ["RobustLab__Limits__RetryAfterSeconds"] = $"{RetryAfter}",
            ["RobustLab__Jobs__Concurrency"] = "1",
            ["RobustLab__Jobs__MaxQueued"] = "0",
        });
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchPersistentContextAsync(_temp.File("chromium-profile"), new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = LabFixture.ChromiumPath,
            Headless = true,
            Args = LabFixture.ChromiumArgs,
            ViewportSize = new ViewportSize { Width = 1400, Height = 1300 },
            BaseURL = Server.Address.ToString(),
        });
    }

    /// <summary>The app's /api/limits answer: circuits in use and their limits, the job queue.</summary>
    public async Task<JsonElement> LimitsAsync()
    {
        using var client = new HttpClient { BaseAddress = Server.Address };
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/limits"));
        return json.RootElement.Clone();
    }

    /// <summary>Waits (bounded) until the app counts <paramref name="expected"/> live circuits.</summary>
    public async Task WaitForCircuitsAsync(int expected, string why)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int total;
        while ((total = (await LimitsAsync()).GetProperty("circuits").GetProperty("total").GetInt32()) != expected)
        {
            if (limit.IsCancellationRequested) throw new TimeoutException($"{total} live circuits, expected {expected} ({why}).\nApp output:\n{Server.Log}");
            await Task.Delay(100);
        }
    }

    /// <summary>A new tab on <paramref name="path"/> whose circuit is connected.</summary>
    public async Task<IPage> OpenInteractiveAsync(string path)
    {
        var page = await Browser.NewPageAsync();
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response?.Status);
        await page.Locator("[data-interactive='true']").WaitForAsync(new() { Timeout = 60_000 });
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
        _temp.Dispose();
    }
}

// The limits in Chromium against the real app: past the circuit limit a new tab gets "the lab is full" (503) and a
// closed tab frees its place; a tab that skips that page is refused at the hub; the "busy" answer of a full job queue
// reaches the Trade-offs and the Train page; a limit out of range stops the app at startup with a clear message.
[Collection(BrowserCollection.Name)]
public sealed class LimitsBrowserTests(LimitsLab lab) : IClassFixture<LimitsLab>
{
    private static async Task CloseAllAsync(IEnumerable<IPage> pages)
    {
        foreach (var page in pages) await page.CloseAsync();
    }

    [Fact]
    public async Task Past_the_limit_a_new_tab_gets_the_lab_is_full_page_and_a_closed_tab_frees_its_place()
    {
        await lab.WaitForCircuitsAsync(0, "no tab open yet");
        var tabs = new List<IPage>();
        try
        {
            for (int i = 0; i < LimitsLab.Places; i++) tabs.Add(await lab.OpenInteractiveAsync("/train"));
            var limits = await lab.LimitsAsync();
            Assert.Equal(LimitsLab.Places, limits.GetProperty("circuits").GetProperty("total").GetInt32());
            Assert.Equal(LimitsLab.Places, limits.GetProperty("circuits").GetProperty("clientLimit").GetInt32()); // the environment overrides
            Assert.Equal("127.0.0.1", limits.GetProperty("circuits").GetProperty("client").GetString());

            var full = await lab.Browser.NewPageAsync();
            tabs.Add(full);
            var response = await full.GotoAsync("/train");
            Assert.Equal(503, response!.Status);
            Assert.Equal($"{LimitsLab.RetryAfter}", await response.HeaderValueAsync("retry-after"));
            await Assertions.Expect(full.Locator("h1")).ToHaveTextAsync("The lab is full");
            await Assertions.Expect(full.Locator("#lab-full")).ToContainTextAsync($"All {LimitsLab.Places} places in the lab are taken: {LimitsLab.Places} sessions are in use.");
            Assert.Equal($"{LimitsLab.Places}", await full.Locator("#lab-full").GetAttributeAsync("data-in-use"));
            Assert.Equal(0, await full.Locator("[data-interactive]").CountAsync()); // no page, no circuit
            await full.ScreenshotAsync(new() { Path = Path.Combine(LabFixture.ScreenshotDirectory, "lab-full.png"), FullPage = true });

            // A student closes a tab: its connection ends and the count drops at once; "try again" gets in.
            await tabs[0].CloseAsync();
            tabs.RemoveAt(0);
            await lab.WaitForCircuitsAsync(LimitsLab.Places - 1, "a closed tab frees its place");
            await full.Locator("#lab-full a").ClickAsync();
            await full.Locator("[data-interactive='true']").WaitForAsync(new() { Timeout = 60_000 });
            await lab.WaitForCircuitsAsync(LimitsLab.Places, "the tab that tried again holds a place");
        }
        finally
        {
            await CloseAllAsync(tabs);
        }
        await lab.WaitForCircuitsAsync(0, "every tab closed");
    }

    [Fact]
    public async Task A_tab_that_skips_the_full_page_is_refused_at_the_hub()
    {
        await lab.WaitForCircuitsAsync(0, "no tab open yet");
        var tabs = new List<IPage>();
        try
        {
            var first = await lab.Browser.NewPageAsync();
            tabs.Add(first);
            var html = await (await first.GotoAsync("/train"))!.TextAsync(); // a page with its circuit's component markers
            await first.Locator("[data-interactive='true']").WaitForAsync(new() { Timeout = 60_000 });
            for (int i = 1; i < LimitsLab.Places; i++) tabs.Add(await lab.OpenInteractiveAsync("/train"));

            // The fourth tab is served that page from the browser's side, never asking the server for it, and its
            // script asks the hub for a circuit.
            var sneaky = await lab.Browser.NewPageAsync();
            tabs.Add(sneaky);
            var refused = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            sneaky.Console += (_, message) =>
            {
                if (message.Text.Contains("The lab is full", StringComparison.Ordinal)) refused.TrySetResult(message.Text);
            };
            await sneaky.RouteAsync("**/train", route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8", Body = html }));
            await sneaky.GotoAsync("/train");
            var message = await refused.Task.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Contains($"All {LimitsLab.Places} places in the lab are taken", message);
            Assert.Equal("false", await sneaky.Locator("[data-interactive]").GetAttributeAsync("data-interactive"));
            await lab.WaitForCircuitsAsync(LimitsLab.Places, "the refused tab took no place");

            // The page says so, and its Reload asks the server again, which answers with the "lab is full" page.
            await Assertions.Expect(sneaky.Locator("#blazor-error-ui")).ToBeVisibleAsync();
            await Assertions.Expect(sneaky.Locator("#blazor-error-ui")).ToContainTextAsync("the lab is full");
            await sneaky.UnrouteAsync("**/train");
            await sneaky.Locator("#blazor-error-ui .reload").ClickAsync();
            await Assertions.Expect(sneaky.Locator("h1")).ToHaveTextAsync("The lab is full");
            Assert.Contains("Refused a new circuit (StartCircuit) from 127.0.0.1", lab.Server.Log);
        }
        finally
        {
            await CloseAllAsync(tabs);
        }
        await lab.WaitForCircuitsAsync(0, "every tab closed");
    }

    [Fact]
    public async Task The_busy_answer_of_a_full_queue_reaches_the_trade_offs_and_the_train_page()
    {
        await lab.WaitForCircuitsAsync(0, "no tab open yet");
        var tabs = new List<IPage>();
        try
        {
            // One long training holds the only slot (no job may wait).
            var trainer = await lab.OpenInteractiveAsync("/train");
            tabs.Add(trainer);
            await trainer.Locator("input#epochs").FillAsync("20");
            await trainer.Locator("input#epochs").PressAsync("Tab");
            await trainer.Locator("#train-button").ClickAsync();
            await trainer.WaitForFunctionAsync("document.querySelector('#training-status .job-status')?.dataset.state === 'Running'", null, new() { Timeout = 60_000 });

            var sweeper = await lab.OpenInteractiveAsync("/tradeoffs");
            tabs.Add(sweeper);
            await sweeper.Locator("#run-button").ClickAsync();
            await Assertions.Expect(sweeper.Locator(".sweep-errors")).ToContainTextAsync("The lab is busy (1 jobs running, 0 waiting); try again in a minute.");

            var second = await lab.OpenInteractiveAsync("/train");
            tabs.Add(second);
            await second.Locator("#train-button").ClickAsync();
            await Assertions.Expect(second.Locator(".training-errors")).ToContainTextAsync("The lab is busy (1 jobs running, 0 waiting); try again in a minute.");
            await sweeper.ScreenshotAsync(new() { Path = Path.Combine(LabFixture.ScreenshotDirectory, "tradeoffs-busy.png"), FullPage = true });

            await trainer.Locator(".job-cancel").ClickAsync();
            await trainer.WaitForFunctionAsync("document.querySelector('#training-status .job-status')?.dataset.state === 'Cancelled'", null, new() { Timeout = 60_000 });
        }
        finally
        {
            await CloseAllAsync(tabs);
        }
        await lab.WaitForCircuitsAsync(0, "every tab closed");
    }

    [Fact]
    public async Task A_limit_out_of_range_stops_the_app_at_startup_with_a_message_naming_it()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => LabServer.StartAsync(new Dictionary<string, string>
        {
            ["RobustLab__WarmUpOnStartup"] = "false",
            ["RobustLab__Limits__CircuitsTotal"] = "0",
        }));
        Assert.Contains("exited with code 1", e.Message);
        Assert.Contains("RobustLab cannot start: a setting in appsettings.json (or its environment override) is out of range:", e.Message);
        Assert.Contains("  RobustLab:Limits:CircuitsTotal must be between 1 and 100,000, got 0.", e.Message);
    }
}
