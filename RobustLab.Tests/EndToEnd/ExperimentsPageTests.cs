using System.Text.Json;
using Microsoft.Playwright;

namespace RobustLab.Tests.EndToEnd;

// The Experiments page in Chromium: a sweep run on the Trade-offs page is recorded, appears on the Experiments page
// while it is open, opens with the same points, exports JSON and plot images, is deleted and imported back with the
// same points, re-runs to the same numbers, and overlays with another sweep; a Lab snapshot is saved and reopened.
[Collection(BrowserCollection.Name)]
public sealed class ExperimentsPageTests(LabFixture lab)
{
    private const string SweepPlot = "document.querySelector('#sweep-plot .js-plotly-plot')";
    private const string StoredPlot = "document.querySelector('#experiment-plot .js-plotly-plot')";

    private static async Task Set(BrowserPage page, string id, string value)
    {
        // MudBlazor puts the id on the input itself; a few boxes wrap theirs.
        var input = page.Page.Locator($"input#{id}, #{id} input");
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }

    // A small κ sweep (eight values, DeepFool's ρ and clean accuracy) on the Trade-offs page; returns its experiment's id.
    private static async Task<long> RunSweepAsync(BrowserPage page, int examples)
    {
        const string saved = "document.querySelector('.saved-as-experiment')?.dataset.experiment";
        var previous = await page.Page.EvaluateAsync<string?>(saved); // a run before this one on the same page
        await page.Page.Locator("#preset-jumprelu-kappa-deepfool").ClickAsync();
        await page.Page.Locator("#preset-explanation[data-preset='jumprelu-kappa-deepfool']").WaitForAsync();
        // A second run on the page starts from the previous run's edited settings: wait until the click has put the
        // preset's own settings back (the badge goes), or the edit below could land before the reset and be undone.
        await Assertions.Expect(page.Page.Locator(".preset-modified")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Set(page, "examples", examples.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The badge comes back from the server: allow for a loaded machine (the full suite runs browsers and sweeps at once).
        await Assertions.Expect(page.Page.Locator(".preset-modified")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.Page.Locator("#run-button").ClickAsync();
        await page.WaitForAsync($"{saved} !== undefined && {saved} !== {JsonSerializer.Serialize(previous)}", "the new run's experiment");
        await page.WaitForAsync("document.querySelector('#sweep-status .job-status')?.dataset.state === 'Completed'", "the sweep to complete", 180_000);
        await page.WaitForAsync($"{SweepPlot}.data.every(t => t.x.length === 8)", "all eight points of each curve");
        await Assertions.Expect(page.Page.Locator(".saved-as-experiment")).ToContainTextAsync("Saved as experiment #");
        return long.Parse((await page.Page.EvaluateAsync<string>(saved))!, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task<double[][]> Curves(BrowserPage page, string plot) => page.Page.EvaluateAsync<double[][]>($"{plot}.data.map(t => t.y.map(v => v ?? -1))");

    private static async Task<string> DownloadAsync(BrowserPage page, string button, string expectedName)
    {
        var download = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.Locator($"#{button}").ClickAsync());
        Assert.Equal(expectedName, download.SuggestedFilename);
        var path = Path.Combine(LabFixture.ScreenshotDirectory, expectedName);
        await download.SaveAsAsync(path);
        return path;
    }

    private static async Task OpenAsync(BrowserPage page, long id)
    {
        await page.Page.Locator($"tr[data-experiment='{id}'] .experiment-link").ClickAsync();
        await page.Page.Locator($"#experiment-detail[data-experiment='{id}']").WaitForAsync();
    }

    [Fact]
    public async Task A_recorded_sweep_opens_exports_round_trips_through_import_and_re_runs_to_the_same_numbers()
    {
        // The Experiments page is open while the sweep runs elsewhere: the new experiment appears without a reload.
        await using var list = await lab.OpenAsync("/experiments");
        await using var tradeoffs = await lab.OpenAsync("/tradeoffs");
        long id = await RunSweepAsync(tradeoffs, 20);
        var original = await Curves(tradeoffs, SweepPlot);
        await Assertions.Expect(list.Page.Locator($"tr[data-experiment='{id}']")).ToBeVisibleAsync();
        await Assertions.Expect(list.Page.Locator($"tr[data-experiment='{id}'] .status-badge")).ToHaveTextAsync("completed");

        // The link under the run opens it, with its plot exactly as it was.
        await tradeoffs.Page.Locator(".saved-as-link").ClickAsync();
        await tradeoffs.Page.Locator($"#experiment-detail[data-experiment='{id}']").WaitForAsync();
        var page = tradeoffs;
        await page.WaitForAsync($"{StoredPlot}?.data?.length === 2", "the stored plot");
        Assert.Equal(original, await Curves(page, StoredPlot));
        await Assertions.Expect(page.Page.Locator("#experiment-config")).ToContainTextAsync("deepfool");
        await Assertions.Expect(page.Page.Locator("#experiment-version")).Not.ToBeEmptyAsync();

        // Search and filters narrow the list to it.
        await page.Page.Locator("#experiment-search").FillAsync("deepfool");
        await Assertions.Expect(page.Page.Locator($"tr[data-experiment='{id}']")).ToBeVisibleAsync();
        await page.Page.Locator("#experiment-search").FillAsync("no such experiment anywhere");
        await Assertions.Expect(page.Page.Locator(".experiment-empty")).ToContainTextAsync("No experiment matches");
        await page.Page.Locator("#experiment-search").FillAsync("");
        await Assertions.Expect(page.Page.Locator($"tr[data-experiment='{id}']")).ToBeVisibleAsync();

        // Name it, then export JSON and the plot as PNG and SVG.
        await page.Page.Locator("#experiment-name").FillAsync("e2e κ sweep");
        await page.Page.Locator("#experiment-name").PressAsync("Tab");
        await page.Page.Locator("#rename-button").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#experiment-title")).ToContainTextAsync("e2e κ sweep");
        await Assertions.Expect(page.Page.Locator($"tr[data-experiment='{id}']")).ToContainTextAsync("e2e κ sweep");
        var json = await DownloadAsync(page, "export-json", $"robustlab-experiment-{id}.json");
        using (var document = JsonDocument.Parse(await File.ReadAllTextAsync(json)))
            Assert.Equal("robustlab-experiment", document.RootElement.GetProperty("format").GetString());
        var png = await DownloadAsync(page, "experiment-plot-png", $"robustlab-experiment-{id}.png");
        Assert.True(new FileInfo(png).Length > 1000);
        var svg = await DownloadAsync(page, "experiment-plot-svg", $"robustlab-experiment-{id}.svg");
        Assert.Contains("<svg", await File.ReadAllTextAsync(svg));

        // Delete it (after the confirmation), then import the export back: a new number, the same points.
        await page.Page.Locator("#delete-button").ClickAsync();
        await page.Page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page.Page.Locator($"tr[data-experiment='{id}']")).ToHaveCountAsync(0);
        await Assertions.Expect(list.Page.Locator($"tr[data-experiment='{id}']")).ToHaveCountAsync(0); // and from the other tab

        var bad = Path.Combine(LabFixture.ScreenshotDirectory, "not-an-experiment.json");
        await File.WriteAllTextAsync(bad, "{\"format\":\"something else\"}");
        await page.Page.Locator("#import-file").SetInputFilesAsync(bad);
        await Assertions.Expect(page.Page.Locator("#experiments-message")).ToContainTextAsync("not-an-experiment.json was not imported");

        var huge = Path.Combine(LabFixture.ScreenshotDirectory, "huge-experiment.json"); // past the default 16 MiB
        await using (var stream = File.Create(huge)) stream.SetLength(17L * 1024 * 1024);
        await page.Page.Locator("#import-file").SetInputFilesAsync(huge);
        await Assertions.Expect(page.Page.Locator("#experiments-message")).ToContainTextAsync("huge-experiment.json has 17 MB; an experiment file may have at most 16 MB.");
        File.Delete(huge);

        await page.Page.Locator("#import-file").SetInputFilesAsync(json);
        await Assertions.Expect(page.Page.Locator("#experiments-message")).ToContainTextAsync($"robustlab-experiment-{id}.json as experiment #");
        var imported = page.Page.Locator("#experiment-table tbody tr", new() { HasText = "e2e κ sweep" });
        await Assertions.Expect(imported).ToHaveCountAsync(1);
        long importedId = long.Parse((await imported.GetAttributeAsync("data-experiment"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(id, importedId);
        await OpenAsync(page, importedId);
        await page.WaitForAsync($"{StoredPlot}?.data?.length === 2", "the imported plot");
        Assert.Equal(original, await Curves(page, StoredPlot));

        // Re-run it from its stored settings: the same model, seed and subset give the same numbers.
        await page.Page.Locator("#rerun-button").ClickAsync();
        await page.WaitForAsync("document.querySelector('#rerun-verdict')?.dataset.match === 'true'", "the re-run to finish and match", 180_000);
        await Assertions.Expect(page.Page.Locator("#rerun-verdict")).ToContainTextAsync("All 8 points match exactly.");
        var rerun = await page.Page.Locator("#rerun-panel .saved-as-experiment").GetAttributeAsync("data-experiment"); // the re-run is recorded too
        await Assertions.Expect(page.Page.Locator($"tr[data-experiment='{rerun}'] .status-badge")).ToHaveTextAsync("completed"); // the list follows its status
        await page.Page.SetViewportSizeAsync(1400, 2100); // the whole page in one picture: list, plot, verdict, settings
        await Screenshot(page, "experiments");
        await page.Page.SetViewportSizeAsync(1400, 1300);
        list.AssertNoErrors();
        page.AssertNoErrors();
    }

    [Fact]
    public async Task Two_sweeps_of_one_knob_overlay_on_one_plot()
    {
        await using var page = await lab.OpenAsync("/tradeoffs");
        long first = await RunSweepAsync(page, 10);
        long second = await RunSweepAsync(page, 12);
        await page.Page.GotoAsync("/experiments");
        await page.Page.Locator("[data-interactive='true']").WaitForAsync();
        await page.Page.Locator($"tr[data-experiment='{first}'] .overlay-pick").CheckAsync();
        await page.Page.Locator($"tr[data-experiment='{second}'] .overlay-pick").CheckAsync();
        await page.Page.Locator("#overlay-button").ClickAsync();
        const string overlay = "document.querySelector('#overlay-plot .js-plotly-plot')";
        await page.WaitForAsync($"{overlay}?.data?.length === 4", "two curves from each sweep");
        var names = await page.Page.EvaluateAsync<string[]>($"{overlay}.data.map(t => t.name)");
        Assert.Equal(2, names.Count(n => n.StartsWith($"#{first} · ", StringComparison.Ordinal)));
        Assert.Equal(2, names.Count(n => n.StartsWith($"#{second} · ", StringComparison.Ordinal)));
        await Screenshot(page, "experiments-overlay");
        page.AssertNoErrors();
    }

    [Fact]
    public async Task A_Lab_snapshot_is_saved_and_opens_with_its_images_and_probabilities()
    {
        await using var page = await lab.OpenAsync("/lab");
        await page.WaitForAsync("document.querySelector('#lab-views')?.dataset.version >= 1 && document.querySelector('#lab-views')?.getAttribute('aria-busy') === 'false'", "the first result");
        var summary = await page.Page.Locator("#attack-summary").TextContentAsync();
        await page.Page.Locator("#save-snapshot-button").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#snapshot-message .saved-as-experiment")).ToContainTextAsync("Saved as experiment #");
        await page.Page.Locator("#snapshot-message .saved-as-link").ClickAsync();
        await page.Page.Locator("#experiment-detail[data-kind='lab-snapshot']").WaitForAsync();
        await Assertions.Expect(page.Page.Locator("#snapshot-summary")).ToHaveTextAsync(summary!);
        var images = page.Page.Locator("#lab-snapshot img");
        Assert.True(await images.CountAsync() >= 4);
        Assert.StartsWith("data:image/png;base64,", await images.First.GetAttributeAsync("src"));
        await Assertions.Expect(page.Page.Locator("#lab-snapshot .lab-probabilities")).ToBeVisibleAsync();
        // Drawn as the Lab drew it: the bars' colours and the tiles' size come from the same variables as on /lab.
        Assert.Equal("rgb(198, 40, 40)", await page.Page.EvaluateAsync<string>("getComputedStyle(document.querySelector('#lab-snapshot .bar.adversarial')).backgroundColor"));
        Assert.Equal("rgb(140, 150, 163)", await page.Page.EvaluateAsync<string>("getComputedStyle(document.querySelector('#lab-snapshot .bar.clean')).backgroundColor"));
        Assert.Equal("136px", await page.Page.EvaluateAsync<string>("getComputedStyle(document.querySelector('#lab-snapshot .image-tile img')).width"));
        await Assertions.Expect(page.Page.Locator("#experiment-config")).ToContainTextAsync("pixels");
        await Screenshot(page, "experiments-snapshot");

        // Computed again from its stored settings, it shows the same numbers; it opens in the Lab with the same settings.
        await page.Page.Locator("#rerun-button").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#rerun-verdict")).ToHaveTextAsync("The one point matches exactly.", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Page.Locator("#rerun-panel .saved-as-experiment")).ToContainTextAsync("Saved as experiment #");
        var listUrl = page.Page.Url;
        await page.Page.Locator("#open-in-lab").ClickAsync();
        await page.WaitForAsync("document.querySelector('#lab-views')?.dataset.version >= 1 && document.querySelector('#lab-views')?.getAttribute('aria-busy') === 'false'", "the Lab's result");
        await Assertions.Expect(page.Page.Locator("#attack-summary")).ToHaveTextAsync(summary!);
        await page.Page.GotoAsync(listUrl);
        await page.Page.Locator("[data-interactive='true']").WaitForAsync(); // a click before the circuit is up opens no menu

        // The kind filter keeps Lab snapshots only.
        await page.Page.Locator(".mud-input-control:has(#filter-kind)").ClickAsync(); // MudSelect's input is hidden; its box takes the click
        await page.Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Lab snapshot" }).ClickAsync();
        await Assertions.Expect(page.Page.Locator("#experiment-table tbody tr:not([data-kind='lab-snapshot'])")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Page.Locator("#experiment-table tbody tr[data-kind='lab-snapshot']")).Not.ToHaveCountAsync(0);
        page.AssertNoErrors();
    }

    [Fact]
    public async Task A_training_run_is_recorded_and_opens_with_the_same_curves()
    {
        // 40 one-example steps per epoch (40 curve points each) for 30 epochs: 1,200 points, more than a figure carries
        // whole, so the stored plot streams them.
        const string live = "document.querySelector('#training-curves .js-plotly-plot')";
        await using var page = await lab.OpenAsync("/train");
        await Set(page, "train-examples", "40");
        await Set(page, "test-examples", "20");
        await Set(page, "batch-size", "1");
        await Set(page, "epochs", "30");
        await page.Page.Locator("#train-button").ClickAsync();
        await page.WaitForAsync("document.querySelector('#training-status .job-status')?.dataset.state === 'Completed'", "the run to complete", 180_000);
        await page.WaitForAsync($"{live}.data[0].x.length === 1200 && {live}.data[2].x.length === 30", "every point on the live curves");
        var curves = await Curves(page, live);
        await Assertions.Expect(page.Page.Locator(".saved-as-experiment")).ToContainTextAsync("Saved as experiment #");
        await page.Page.Locator(".saved-as-link").ClickAsync();
        await page.Page.Locator("#experiment-detail[data-kind='training'][data-status='completed']").WaitForAsync();
        await page.WaitForAsync($"{StoredPlot}?.data?.[0]?.x.length === 1200 && {StoredPlot}.data[2].x.length === 30", "the 1,200 stored points and the 30 test accuracies");
        Assert.Equal(curves, await Curves(page, StoredPlot));
        await Assertions.Expect(page.Page.Locator("#experiment-config")).ToContainTextAsync("train_examples");
        page.AssertNoErrors();
    }

    [Fact]
    public async Task At_1440_by_900_the_list_shows_whole_columns_and_many_rows_and_a_missing_experiment_is_said_at_the_top()
    {
        // A dozen experiments: one Lab snapshot, imported again eleven times through the API.
        await using var page = await lab.OpenAsync("/lab");
        await page.WaitForAsync("document.querySelector('#lab-views')?.dataset.version >= 1 && document.querySelector('#lab-views')?.getAttribute('aria-busy') === 'false'", "the first result");
        await page.Page.Locator("#save-snapshot-button").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#snapshot-message .saved-as-experiment")).ToContainTextAsync("Saved as experiment #");
        var id = await page.Page.Locator("#snapshot-message .saved-as-experiment").GetAttributeAsync("data-experiment");
        using var client = new HttpClient { BaseAddress = lab.Address };
        var json = await client.GetStringAsync(RobustLab.Web.Services.Experiments.ExperimentEndpoints.JsonPathOf(long.Parse(id!, System.Globalization.CultureInfo.InvariantCulture)));
        for (int i = 0; i < 11; i++)
            (await client.PostAsync(RobustLab.Web.Services.Experiments.ExperimentEndpoints.Base, new StringContent(json))).EnsureSuccessStatusCode();

        await page.Page.SetViewportSizeAsync(1440, 900);
        try
        {
            await page.Page.GotoAsync("/experiments/99999");
            await page.Page.Locator("[data-interactive='true']").WaitForAsync();
            await Assertions.Expect(page.Page.Locator("#experiment-missing")).ToContainTextAsync("There is no experiment #99999");
            await Assertions.Expect(page.Page.Locator("#experiment-missing")).ToBeInViewportAsync(); // was below the list, out of sight
            await Screenshot(page, "experiments-1440");

            // The title column has room (it was ~80 px, titles wrapped); the last columns are not cut off by the list's box.
            var name = await page.Page.Locator("#experiment-table thead th", new() { HasText = "Name" }).BoundingBoxAsync();
            Assert.True(name!.Width >= 200, $"the Name column is {name.Width:0} px wide");
            var list = (await page.Page.Locator(".experiment-list").BoundingBoxAsync())!;
            foreach (var column in new[] { "Created", "Duration", "Points" })
            {
                var cell = (await page.Page.Locator("#experiment-table thead th", new() { HasText = column }).BoundingBoxAsync())!;
                Assert.True(cell.X + cell.Width <= list.X + list.Width + 1, $"{column} ends at {cell.X + cell.Width:0}, the list at {list.X + list.Width:0}");
            }
            Assert.False(await page.Page.EvaluateAsync<bool>("(() => { const l = document.querySelector('.experiment-list'); return l.scrollWidth > l.clientWidth; })()"),
                "the list scrolls sideways");
            // Most of the screen's height: at least eight rows in view (was about two and a half).
            var rows = page.Page.Locator("#experiment-table tbody tr");
            int inView = 0;
            for (int i = 0; i < await rows.CountAsync(); i++)
            {
                var box = await rows.Nth(i).BoundingBoxAsync();
                if (box is not null && box.Y + box.Height <= Math.Min(900, list.Y + list.Height) + 1) inView++;
            }
            Assert.True(inView >= 8, $"{inView} rows of the list are on screen at 1440×900");
            page.AssertNoErrors();
        }
        finally
        {
            await page.Page.SetViewportSizeAsync(1400, 1300);
        }
    }

    private static async Task Screenshot(BrowserPage page, string name)
    {
        await page.Page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(name);
    }
}
