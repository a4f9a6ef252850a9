using Microsoft.Playwright;
using RobustLab.Tests.Web.Sharing;
using Xunit.Abstractions;

namespace RobustLab.Tests.EndToEnd;

// Shareable views in Chromium: set up a view, take the address, open it in a fresh tab (a new circuit) and get the same
// controls and the same results; "Copy link" copies it; malformed links open the page with a message and a live circuit.
[Collection(BrowserCollection.Name)]
public sealed class ShareLinkBrowserTests(LabFixture lab, ITestOutputHelper output)
{
    private const string Views = "#lab-views";
    private const string Plot = "document.querySelector('#sweep-plot .js-plotly-plot')";
    private const string StateScript = "document.querySelector('#sweep-status .job-status')?.dataset.state";

    // The address bar has caught up with the settings on screen (the page writes it a moment after the last change).
    private static Task AddressSynced(BrowserPage page) => page.WaitForAsync(
        "location.search.replace(/^\\?/, '') === document.querySelector('#share-link')?.dataset.linkQuery", "the address to follow the settings");

    private static Task ResultAfter(BrowserPage page, int version) =>
        page.WaitForAsync($"+document.querySelector('{Views}').dataset.version > {version}", "a result");

    private static async Task<int> Version(BrowserPage page) => int.Parse(await page.Page.Locator(Views).GetAttributeAsync("data-version") ?? "0");

    // What the Lab shows: every control's value and choice, and every number of the result.
    private static async Task<string[]> LabView(BrowserPage page) =>
    [
        .. await page.Page.EvaluateAsync<string[]>(
            "Array.from(document.querySelectorAll('.lab-controls section:not(:first-child) input')).map(i => `${i.id}=${i.value}`)"),
        .. await page.Page.EvaluateAsync<string[]>(
            "Array.from(document.querySelectorAll('.lab-controls section:not(:first-child) .mud-toggle-item.is-chosen')).map(e => e.textContent.trim())"),
        await page.Page.Locator("#attack-summary").InnerTextAsync(),
        string.Join(" | ", await page.Page.Locator(".attack-row figcaption").AllInnerTextsAsync()),
        string.Join(" | ", await page.Page.Locator(".attack-row .metric-linf, .attack-row .metric-l2").AllInnerTextsAsync()),
        string.Join(" | ", await page.Page.Locator(".lab-probabilities").AllInnerTextsAsync()),
    ];

    [Fact]
    public async Task A_lab_address_opened_in_a_fresh_tab_shows_the_same_controls_and_results()
    {
        await using var page = await lab.OpenAsync("/lab");
        await ResultAfter(page, 0);
        int version = await Version(page);
        await page.Page.Locator(".gallery-item").Nth(3).ClickAsync();
        await ResultAfter(page, version);
        await page.Page.Locator("#activation").GetByText("JumpReLU", new() { Exact = true }).ClickAsync();
        await page.WaitForAsync("document.querySelector('#probabilities-defended') !== null", "the defended model");
        await page.Page.Locator("#kappa-range").FocusAsync();
        for (int i = 0; i < 4; i++) await page.Page.Keyboard.PressAsync("ArrowRight"); // κ 0.5 → 0.7 in steps of 0.05
        await page.Page.Locator("#epsilon-range").FocusAsync();
        for (int i = 0; i < 8; i++) await page.Page.Keyboard.PressAsync("ArrowLeft"); // ε 0.3 → 0.26
        await page.WaitForAsync("document.querySelector('#attack-summary').innerText.includes('ε = 0.26 ')", "the result for ε = 0.26");
        await page.WaitForAsync("document.querySelector('.attack-row-model')?.innerText.includes('jumprelu:0.7')", "the result for κ = 0.7");
        await AddressSynced(page);
        string url = page.Page.Url;
        Assert.EndsWith("/lab?img=mnist:3&act=jumprelu&kappa=0.7&eps=0.26", url);
        var view = await LabView(page);
        Assert.Contains("epsilon-range=0.26", view);
        Assert.Contains("kappa-range=0.7", view);
        Assert.Contains("JumpReLU", view);

        await using var fresh = await lab.OpenAsync(url);
        await ResultAfter(fresh, 0);
        await fresh.WaitForAsync("document.querySelector('#probabilities-defended') !== null", "the defended model");
        Assert.Equal(view, await LabView(fresh));
        Assert.Equal("MNIST test image #3", (await fresh.Page.Locator(".lab-source").InnerTextAsync()).Trim());
        Assert.Equal(0, await fresh.Page.Locator("#link-messages").CountAsync());
        await AddressSynced(fresh);
        Assert.Equal(url, fresh.Page.Url);

        // Copy link: with the clipboard allowed it lands there; the link is shown either way.
        await page.Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = lab.Address.ToString().TrimEnd('/') });
        await page.Page.Locator("#copy-link-button").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#share-status")).ToHaveTextAsync("Link copied.");
        Assert.Equal(url, await page.Page.Locator("#share-url").InputValueAsync());
        Assert.Equal(url, await page.Page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        output.WriteLine($"Lab link: {url}");
        await page.ScreenshotAsync("lab-share");
        page.AssertNoErrors();
        fresh.AssertNoErrors();
    }

    [Fact]
    public async Task An_in_app_link_applies_its_settings_and_the_bare_page_keeps_the_tab_s_settings()
    {
        await using var page = await lab.OpenAsync("/lab?eps=0.2");
        await page.WaitForAsync("document.querySelector('#attack-summary')?.innerText.includes('ε = 0.2 ')", "the linked ε");
        // A link inside the app (Blazor's router takes it, the circuit stays): the new query replaces the view.
        await page.Page.EvaluateAsync("""
            () => { const a = document.createElement('a'); a.href = 'lab?eps=0.1&steps=7&bad=1'; a.id = 'test-link'; a.textContent = 'link';
                    document.querySelector('.lab-heading').appendChild(a); }
            """);
        await page.Page.Locator("#test-link").ClickAsync();
        await page.WaitForAsync("document.querySelector('#attack-summary')?.innerText.includes('ε = 0.1 · t = 7')", "the in-app link's settings");
        await Assertions.Expect(page.Page.Locator("#link-messages")).ToContainTextAsync("'bad' is not a setting of the Lab");
        await AddressSynced(page);
        Assert.EndsWith("/lab?eps=0.1&steps=7", page.Page.Url);

        // To another page and back through the menu: the bare /lab keeps this tab's settings and puts them back in the address.
        await page.Page.Locator(".mud-nav-link[href='tradeoffs']").ClickAsync();
        await page.Page.Locator("#preset-explanation").WaitForAsync();
        await page.Page.Locator(".nav-lab a.mud-nav-link").ClickAsync();
        await page.WaitForAsync("document.querySelector('#attack-summary')?.innerText.includes('ε = 0.1 · t = 7')", "the tab's settings");
        await AddressSynced(page);
        Assert.EndsWith("/lab?eps=0.1&steps=7", page.Page.Url);
        page.AssertNoErrors();
    }

    [Fact]
    public async Task A_drawn_digit_travels_in_the_link()
    {
        await using var page = await lab.OpenAsync("/lab");
        await ResultAfter(page, 0);
        await page.Page.Locator(".lab-tabs .mud-tab", new() { HasText = "Draw" }).ClickAsync();
        var canvas = await page.Page.Locator("#drawing-canvas").BoundingBoxAsync() ?? throw new InvalidOperationException("no canvas");
        await page.Page.Mouse.MoveAsync(canvas.X + canvas.Width * 0.3f, canvas.Y + canvas.Height * 0.2f);
        await page.Page.Mouse.DownAsync();
        await page.Page.Mouse.MoveAsync(canvas.X + canvas.Width * 0.7f, canvas.Y + canvas.Height * 0.25f, new() { Steps = 8 });
        await page.Page.Mouse.MoveAsync(canvas.X + canvas.Width * 0.4f, canvas.Y + canvas.Height * 0.85f, new() { Steps = 10 });
        await page.Page.Mouse.UpAsync();
        await page.WaitForAsync("document.querySelector('.lab-source').innerText === 'your drawing'", "the drawing as the image");
        await AddressSynced(page);
        await page.WaitForAsync("!document.querySelector('#lab-views').classList.contains('is-computing')", "the last stroke's result");
        await AddressSynced(page);
        string url = page.Page.Url;
        Assert.Contains("img=draw:", url);
        Assert.True(url.Length < 2000, $"{url.Length} characters");
        var view = await LabView(page);

        await using var fresh = await lab.OpenAsync(url);
        await ResultAfter(fresh, 0);
        Assert.Equal("a drawing from the link", (await fresh.Page.Locator(".lab-source").InnerTextAsync()).Trim());
        Assert.Equal(view, await LabView(fresh));
        output.WriteLine($"A drawn digit's link: {url.Length} characters.");
        page.AssertNoErrors();
        fresh.AssertNoErrors();
    }

    [Fact]
    public async Task A_tradeoffs_link_shows_the_settings_and_runs_only_when_it_says_so()
    {
        await using var page = await lab.OpenAsync("/tradeoffs");
        await page.Page.Locator("#preset-borji-fgsm-alpha").ClickAsync();
        await page.Page.Locator("#preset-explanation[data-preset='borji-fgsm-alpha']").WaitForAsync();
        var examples = page.Page.Locator("input#examples");
        await examples.FillAsync("20");
        await examples.PressAsync("Tab");
        await Assertions.Expect(page.Page.Locator(".preset-modified")).ToBeVisibleAsync();
        await AddressSynced(page);
        string url = page.Page.Url;
        Assert.EndsWith("/tradeoffs?preset=borji-fgsm-alpha&examples=20", url);
        await page.Page.Locator("#run-button").ClickAsync();
        await page.WaitForAsync($"{StateScript} === 'Completed'", "the run to complete", 180_000);
        await page.WaitForAsync($"{Plot}.data.length === 6 && {Plot}.data.every(t => t.x.length === 7)", "six series of seven points");
        var curves = await page.Page.EvaluateAsync<double[][]>($"{Plot}.data.map(t => t.y)");

        // The plain link shows the settings and does not run.
        await using (var shown = await lab.OpenAsync(url))
        {
            await shown.Page.Locator("#preset-explanation[data-preset='borji-fgsm-alpha']").WaitForAsync();
            Assert.Equal("20", await shown.Page.Locator("input#examples").InputValueAsync());
            await AddressSynced(shown);
            Assert.Equal("None", await shown.Page.EvaluateAsync<string>(StateScript)); // no run queued
            Assert.Equal(url, shown.Page.Url);
            shown.AssertNoErrors();
        }

        // "and run it": the copied link carries run=1, which queues the run as pressing Run would, and then leaves the address.
        await page.Page.Locator("#share-run").CheckAsync();
        await page.Page.Locator("#copy-link-button").ClickAsync();
        await page.Page.Locator("#share-url").WaitForAsync();
        string runLink = await page.Page.Locator("#share-url").InputValueAsync();
        Assert.Equal(url + "&run=1", runLink);
        await using var fresh = await lab.OpenAsync(runLink);
        await fresh.WaitForAsync($"{StateScript} === 'Completed'", "the linked run to complete", 180_000);
        await fresh.WaitForAsync($"{Plot}.data.length === 6 && {Plot}.data.every(t => t.x.length === 7)", "six series of seven points");
        Assert.Equal(curves, await fresh.Page.EvaluateAsync<double[][]>($"{Plot}.data.map(t => t.y)"));
        await AddressSynced(fresh);
        Assert.Equal(url, fresh.Page.Url);
        page.AssertNoErrors();
        fresh.AssertNoErrors();
    }

    [Theory]
    [InlineData("lab", 601)]
    [InlineData("tradeoffs", 602)]
    public async Task Malformed_links_open_the_page_with_a_message_and_a_live_circuit(string path, int seed)
    {
        const int Sample = 30;
        var links = new MalformedLinks(new Random(seed), path == "lab" ? MalformedLinks.Lab : MalformedLinks.Tradeoffs);
        for (int i = 0; i < Sample; i++)
        {
            var (query, faults) = links.Next();
            await using var page = await lab.OpenAsync($"/{path}?{query}");
            string what = $"#{i} ({faults}) {MalformedLinks.Printable(query)}";
            await page.WaitForAsync("document.querySelector('#link-messages li') !== null", $"the message for {what}");
            // The circuit is alive: the Lab computes its first result, and either page rewrites the address to what it uses.
            if (path == "lab") await ResultAfter(page, 0);
            await AddressSynced(page);
            Assert.False(await page.Page.Locator("#blazor-error-ui").IsVisibleAsync(), $"Blazor's error UI for {what}");
            await page.Page.Locator("#link-messages-dismiss").ClickAsync();
            await Assertions.Expect(page.Page.Locator("#link-messages")).ToHaveCountAsync(0);
            Assert.True(page.Errors.Count == 0, $"{what}: {string.Join("\n", page.Errors)}");
        }
    }
}
