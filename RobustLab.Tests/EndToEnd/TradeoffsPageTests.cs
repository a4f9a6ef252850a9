using System.Text.Json;
using Microsoft.Playwright;

namespace RobustLab.Tests.EndToEnd;

// The Trade-offs page in Chromium: a sweep streams its points onto the plot while it runs and its data downloads as CSV
// and JSON; a run can be cancelled, and changing a setting while it runs offers a restart; presets draw the transfer
// heatmap and overlaid series.
[Collection(BrowserCollection.Name)]
public sealed class TradeoffsPageTests(LabFixture lab)
{
    private const string Plot = "document.querySelector('#sweep-plot .js-plotly-plot')";
    private const string StateScript = "document.querySelector('#sweep-status .job-status')?.dataset.state";

    private static async Task Set(BrowserPage page, string id, string value)
    {
        var input = page.Page.Locator($"input#{id}"); // a KnobField: the id is on the input
        await input.FillAsync(value);
        await input.PressAsync("Tab"); // the box takes the value on change
    }

    // Sets a preset up and waits until the server has put it on the page (explanation and form), so later edits apply to it.
    private static async Task ChoosePreset(BrowserPage page, string id)
    {
        await page.Page.Locator($"#preset-{id}").ClickAsync();
        await page.Page.Locator($"#preset-explanation[data-preset='{id}']").WaitForAsync();
    }

    // An edit has reached the server when the preset is marked as changed.
    private static Task Edited(BrowserPage page) => Assertions.Expect(page.Page.Locator(".preset-modified")).ToBeVisibleAsync();

    private static Task WaitForState(BrowserPage page, string state, string what, int timeoutMs = 180_000) =>
        page.WaitForAsync($"{StateScript} === '{state}'", what, timeoutMs);

    // Back to the top, so a screenshot shows the presets and the plot.
    private static async Task Screenshot(BrowserPage page, string name)
    {
        await page.Page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(name);
    }

    private static async Task<string> Download(BrowserPage page, string button, string saveAs)
    {
        var download = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.Locator($"#{button}").ClickAsync());
        var path = Path.Combine(LabFixture.ScreenshotDirectory, saveAs);
        await download.SaveAsAsync(path);
        Assert.StartsWith("robustlab-sweep-kappa.", download.SuggestedFilename);
        return await File.ReadAllTextAsync(path);
    }

    [Fact]
    public async Task A_sweep_streams_its_points_onto_the_plot_before_it_ends_and_exports_them()
    {
        await using var page = await lab.OpenAsync("/tradeoffs");
        await ChoosePreset(page, "jumprelu-kappa-deepfool"); // eight values of κ, clean accuracy and DeepFool's ρ
        await Assertions.Expect(page.Page.Locator("#preset-explanation")).ToContainTextAsync("JumpReLU Fig. 4");
        // 1,000 images: long enough (seconds) that the run is certainly still going when three points have arrived.
        await Set(page, "examples", "1000");
        await Edited(page);
        await page.Page.Locator("#run-button").ClickAsync();

        // At least three points reach the browser's plot while the run is still going (read from plotly's own data).
        await page.WaitForAsync($"{Plot}?.data?.[0]?.x.length >= 3 && {StateScript} === 'Running'", "three points on the plot during the run");
        await Assertions.Expect(page.Page.Locator("#sweep-status")).ToContainTextAsync("left"); // progress with an ETA
        await Screenshot(page, "tradeoffs-running");
        await WaitForState(page, "Completed", "the sweep to complete");
        await page.WaitForAsync($"{Plot}.data.every(t => t.x.length === 8)", "all eight points of each curve");

        var names = await page.Page.EvaluateAsync<string[]>($"{Plot}.data.map(t => t.name)");
        Assert.Equal(["clean accuracy", "ρ₂ (mean ‖δ‖₂/‖x‖₂)"], names);
        var kappas = await page.Page.EvaluateAsync<double[]>($"{Plot}.data[0].x");
        Assert.Equal(new[] { 0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 1 }, kappas);
        Assert.All(await page.Page.EvaluateAsync<double[]>($"{Plot}.data[0].y"), y => Assert.InRange(y, 0, 1));
        var rho = await page.Page.EvaluateAsync<double[]>($"{Plot}.data[1].y");
        Assert.True(rho[4] > rho[0], string.Join(", ", rho)); // DeepFool needs more perturbation at κ = 0.5 than at κ = 0 (Fig. 4)
        Assert.Equal("y2", await page.Page.EvaluateAsync<string>($"{Plot}.data[1].yaxis")); // ρ on the second axis
        // Hovering a point shows its exact values; the run's description (the title) is clear of the modebar, which
        // offers no upload to Plotly's cloud.
        var hover = await PlotChecks.HoverTextAsync(page, "sweep-plot", 0, 4);
        Assert.Contains("κ = 0.5", hover);
        Assert.Matches(@"clean accuracy: \d+(\.\d+)?%", hover);
        await PlotChecks.AssertTitleClearOfModeBarAsync(page, "sweep-plot");
        await PlotChecks.AssertNothingGoesToTheCloudAsync(page, "sweep-plot");
        await Screenshot(page, "tradeoffs");

        var csv = (await Download(page, "export-csv", "tradeoffs.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("series,knob,index,value,source_value,examples,clean_accuracy,adversarial_accuracy,", csv[0]);
        Assert.Equal(9, csv.Length);
        Assert.StartsWith("lenet-like · kappa · deepfool L2 ε=∞ steps=40,kappa,7,1,,1000,", csv[8]);
        using var json = JsonDocument.Parse(await Download(page, "export-json", "tradeoffs.json"));
        Assert.Equal(8, json.RootElement.GetArrayLength());
        Assert.Equal(0.375, json.RootElement[3].GetProperty("value").GetDouble());
        page.AssertNoErrors();
    }

    // The settings' menus show their whole text (a box cut to "DeepFool: to the nearest linearise…" says less than it should):
    // every preset's, and the longest attack title of the catalog.
    [Fact]
    public async Task Every_menu_shows_its_whole_text()
    {
        const string Cut = "[...document.querySelectorAll('.sweep-form .mud-select input')].filter(i => i.scrollWidth > i.clientWidth + 1).map(i => i.value)";
        await using var page = await lab.OpenAsync("/tradeoffs");
        foreach (var preset in RobustLab.Web.Services.Tradeoffs.TradeoffsPresets.All)
        {
            await ChoosePreset(page, preset.Id);
            Assert.Empty(await page.Page.EvaluateAsync<string[]>(Cut));
        }
        var longest = RobustLab.Engine.Attacks.AttackCatalog.All.MaxBy(a => a.Title.Length)!;
        await using var linked = await lab.OpenAsync($"/tradeoffs?preset=none&attack={longest.Name}");
        await Assertions.Expect(linked.Page.Locator("input#attack, #attack input")).ToHaveValueAsync(longest.Title);
        Assert.Empty(await linked.Page.EvaluateAsync<string[]>(Cut));
        page.AssertNoErrors();
        linked.AssertNoErrors();
    }

    [Fact]
    public async Task A_changed_setting_offers_a_restart_and_a_running_sweep_can_be_cancelled()
    {
        await using var page = await lab.OpenAsync("/tradeoffs");
        await ChoosePreset(page, "jumprelu-kappa-pgd");
        await Set(page, "examples", "5000"); // long enough to act on while it runs
        await Edited(page);
        await page.Page.Locator("#run-button").ClickAsync();
        await WaitForState(page, "Running", "the sweep to start");
        await Assertions.Expect(page.Page.Locator(".restart-banner")).ToHaveCountAsync(0);

        await Set(page, "examples", "4000");
        await Assertions.Expect(page.Page.Locator(".restart-banner")).ToBeVisibleAsync();
        await Screenshot(page, "tradeoffs-restart");
        await page.Page.Locator("#keep-running-button").ClickAsync();
        await Assertions.Expect(page.Page.Locator(".restart-banner")).ToHaveCountAsync(0);

        await Set(page, "seed", "1");
        await page.Page.Locator("#restart-button").ClickAsync(); // cancels the run and starts these settings
        await Assertions.Expect(page.Page.Locator(".restart-banner")).ToHaveCountAsync(0);
        await WaitForState(page, "Running", "the restarted sweep to run");
        Assert.Equal(0, await page.Page.EvaluateAsync<int>($"{Plot}.data[1].x.length")); // a fresh plot

        await page.Page.Locator("#sweep-status .job-cancel").ClickAsync();
        await WaitForState(page, "Cancelled", "the sweep to stop", 60_000);
        await Assertions.Expect(page.Page.Locator("#sweep-status")).ToContainTextAsync("Cancelled after");
        await Assertions.Expect(page.Page.Locator("#run-button")).ToBeEnabledAsync(); // a new run may start
        Assert.True(await page.Page.EvaluateAsync<int>($"{Plot}.data[1].x.length") < 8);
        page.AssertNoErrors();
    }

    [Fact]
    public async Task Presets_draw_the_transfer_heatmap_and_overlaid_series()
    {
        await using var page = await lab.OpenAsync("/tradeoffs");
        await ChoosePreset(page, "jumprelu-transfer");
        await Set(page, "examples", "20");
        await Edited(page);
        await page.Page.Locator("#run-button").ClickAsync();
        await WaitForState(page, "Completed", "the transfer matrix to complete");
        await page.WaitForAsync($"{Plot}.data[0].type === 'heatmap' && {Plot}.data[0].z.flat().every(v => v !== null)", "every cell of the matrix");
        Assert.Equal(5, await page.Page.EvaluateAsync<int>($"{Plot}.data[0].z.length"));
        Assert.Equal("matrix", await page.Page.Locator(".sweep-plot").GetAttributeAsync("data-kind"));
        await Assertions.Expect(page.Page.Locator("#sweep-plot")).ToContainTextAsync("20 test images"); // the title names the run
        // The cells say percent, and so does the colour bar's scale (not 0–1).
        var ticks = await page.Page.EvaluateAsync<string[]>($"[...{Plot}.querySelectorAll('.colorbar .cbaxis text')].map(t => t.textContent)");
        Assert.NotEmpty(ticks);
        Assert.All(ticks, t => Assert.Matches(@"^\d+%$", t));
        await Screenshot(page, "tradeoffs-matrix");

        await ChoosePreset(page, "borji-fgsm-alpha");
        await Assertions.Expect(page.Page.Locator("#preset-explanation")).ToContainTextAsync("gradient masking");
        await Set(page, "examples", "100");
        await Edited(page);
        await page.Page.Locator("#run-button").ClickAsync();
        await WaitForState(page, "Completed", "the SReLU series to complete");
        await page.WaitForAsync($"{Plot}.data.length === 6 && {Plot}.data.every(t => t.x.length === 7)", "six series of seven points");
        var names = await page.Page.EvaluateAsync<string[]>($"{Plot}.data.map(t => t.name)");
        Assert.Equal(["α = 0.5", "α = 1", "α = 2", "α = 5", "α = 10", "α = 100"], names.Select(n => n.Replace(" · adversarial accuracy", "")));
        var atStrongest = await page.Page.EvaluateAsync<double[]>($"{Plot}.data.map(t => t.y[6])");
        Assert.True(atStrongest[5] > atStrongest[1] + 0.3, string.Join(", ", atStrongest)); // FGSM's gradient vanishes at large α
        // Curves that coincide (large α near 100 %) stay visible: each series is drawn wider than the next, in its own colour.
        var sizes = await page.Page.EvaluateAsync<double[]>($"{Plot}.data.map(t => t.marker.size)");
        Assert.True(sizes.Zip(sizes.Skip(1)).All(p => p.First > p.Second), string.Join(", ", sizes));
        Assert.Equal(6, (await page.Page.EvaluateAsync<string[]>($"{Plot}.data.map(t => t.line.color)")).Distinct().Count());
        // Hover names the series and shows the point's values; the title is clear of the modebar, which uploads nothing.
        var hover = await PlotChecks.HoverTextAsync(page, "sweep-plot", 0, 1);
        Assert.Contains("α = 0.5", hover);
        Assert.Contains("ε = 0.05", hover);
        Assert.Matches(@"adversarial accuracy: \d+(\.\d+)?%", hover);
        await PlotChecks.AssertTitleClearOfModeBarAsync(page, "sweep-plot");
        await PlotChecks.AssertNothingGoesToTheCloudAsync(page, "sweep-plot");
        await Screenshot(page, "tradeoffs-series");
        page.AssertNoErrors();
    }
}
