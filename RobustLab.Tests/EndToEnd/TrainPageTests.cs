using Microsoft.Playwright;
using RobustLab.Engine.Serialization;
using RobustLab.Web.Services.Registry;

namespace RobustLab.Tests.EndToEnd;

// The Train page in Chromium: a short run on a small MNIST subset streams points into the loss curve, can be
// saved to the registry and downloaded; a long run can be cancelled; bad settings and bad files get clear messages.
[Collection(BrowserCollection.Name)]
public sealed class TrainPageTests(LabFixture lab)
{
    private const string Curve = "document.querySelector('#training-curves .js-plotly-plot')";

    private static async Task Set(BrowserPage page, string id, string value)
    {
        // MudBlazor puts the id on the input itself; a few boxes wrap theirs.
        var input = page.Page.Locator($"input#{id}, #{id} input");
        await input.FillAsync(value);
        await input.PressAsync("Tab"); // the box takes the value on change
    }

    private static Task<int> PointCount(BrowserPage page, int trace) =>
        page.Page.EvaluateAsync<int>($"{Curve}.data[{trace}].x.length");

    private static Task<string?> State(BrowserPage page) => page.Page.Locator("#training-status .job-status").GetAttributeAsync("data-state");

    [Fact]
    public async Task A_short_run_streams_its_loss_curve_and_is_saved_and_downloaded()
    {
        await using var page = await lab.OpenAsync("/train");
        await Set(page, "train-examples", "1024");
        await Set(page, "test-examples", "500");
        await Set(page, "epochs", "2");
        await Set(page, "batch-size", "32");
        await Set(page, "learning-rate", "0.003");
        await page.Page.Locator("#train-button").ClickAsync();

        await page.WaitForAsync($"{Curve}?.data?.[0]?.x.length >= 3", "three points on the loss curve");
        await page.WaitForAsync("document.querySelector('#training-status .job-status')?.dataset.state === 'Completed'", "the run to complete");
        await page.WaitForAsync($"{Curve}.data[0].x.length === 64", "all 64 batch points (32 batches × 2 epochs)");
        Assert.Equal(64, await PointCount(page, 1)); // training accuracy beside the loss
        await page.WaitForAsync($"{Curve}.data[2].x.length === 2", "the test accuracy of both epochs");
        var losses = await page.Page.EvaluateAsync<double[]>($"{Curve}.data[0].y");
        Assert.All(losses, l => Assert.True(double.IsFinite(l) && l > 0, $"loss {l}"));
        Assert.Equal(2.0, (await page.Page.EvaluateAsync<double[]>($"{Curve}.data[0].x"))[^1], 9); // x is in epochs
        await page.ScreenshotAsync("train");

        // The plot exports itself: PNG from plotly's camera button, SVG from our button under the plot; its modebar offers
        // no upload to Plotly's cloud, and does not cover the title.
        await PlotChecks.AssertNothingGoesToTheCloudAsync(page, "training-curves");
        await PlotChecks.AssertTitleClearOfModeBarAsync(page, "training-curves");
        var plot = page.Page.Locator("#training-curves .js-plotly-plot");
        foreach (var (button, exported) in new[] { ("#training-curves-svg", "training-curves.svg"), (".modebar-btn[data-title*='png' i]", "training-curves.png") })
        {
            await plot.HoverAsync();
            var download = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.Locator($"#training-curves {button}").ClickAsync());
            Assert.Equal(exported, download.SuggestedFilename);
            var saved = Path.Combine(LabFixture.ScreenshotDirectory, exported);
            await download.SaveAsAsync(saved);
            Assert.True(new FileInfo(saved).Length > 1000, $"{exported} is {new FileInfo(saved).Length} bytes");
        }

        await page.Page.Locator("#save-name").FillAsync("e2e-short-run");
        await page.Page.Locator("#save-button").ClickAsync();
        await Assertions.Expect(page.Page.Locator(".save-message")).ToContainTextAsync("Saved as e2e-short-run");
        await Assertions.Expect(page.Page.Locator("tr[data-model='e2e-short-run']")).ToBeVisibleAsync();

        using var client = new HttpClient { BaseAddress = lab.Address };
        var bytes = await client.GetByteArrayAsync(ModelDownloads.PathOf("e2e-short-run"));
        var file = Path.Combine(lab.RegistryDirectory, "downloaded.safetensors.check");
        await File.WriteAllBytesAsync(file, bytes);
        Assert.Equal("lenet-like", ModelFile.Load(file).Architecture); // a real model file, loadable again
        Assert.Equal("1024", ModelFile.ReadMetadata(file)["train_examples"]);
        File.Delete(file);
        page.AssertNoErrors();
    }

    [Fact]
    public async Task A_running_job_can_be_cancelled()
    {
        await using var page = await lab.OpenAsync("/train");
        await Set(page, "train-examples", "60000");
        await Set(page, "epochs", "20");
        await page.Page.Locator("#train-button").ClickAsync();
        await page.WaitForAsync($"{Curve}?.data?.[0]?.x.length >= 1", "the first point of a long run");
        Assert.Equal("Running", await State(page));
        await Assertions.Expect(page.Page.Locator("#training-status")).ToContainTextAsync("left"); // the ETA
        await page.ScreenshotAsync("train-running");

        await page.Page.Locator(".job-cancel").ClickAsync();
        await page.WaitForAsync("document.querySelector('#training-status .job-status')?.dataset.state === 'Cancelled'", "the run to stop");
        await Assertions.Expect(page.Page.Locator("#training-status")).ToContainTextAsync("Cancelled after");
        await Assertions.Expect(page.Page.Locator("#save-button")).ToHaveCountAsync(0); // nothing to save
        await Assertions.Expect(page.Page.Locator("#train-button")).ToBeEnabledAsync(); // and a new run may start
        page.AssertNoErrors();
    }

    [Fact]
    public async Task An_adversarial_run_completes_and_its_settings_are_stored()
    {
        await using var page = await lab.OpenAsync("/train");
        await page.Page.Locator("#training-mode").GetByText("Adversarial training").ClickAsync();
        await page.Page.Locator("#method").WaitForAsync();
        await Set(page, "train-examples", "128");
        await Set(page, "test-examples", "0");
        await Set(page, "batch-size", "32");
        await Set(page, "epochs", "1");
        await Set(page, "lambda", "0.5");
        await page.ScreenshotAsync("train-adversarial");
        await page.Page.Locator("#train-button").ClickAsync();
        await page.WaitForAsync("document.querySelector('#training-status .job-status')?.dataset.state === 'Completed'", "the adversarial run to complete");
        await page.WaitForAsync($"{Curve}.data[0].x.length === 4", "the 4 batch points"); // the last flush may follow the status

        await page.Page.Locator("#save-name").FillAsync("e2e-adversarial");
        await page.Page.Locator("#save-button").ClickAsync();
        await Assertions.Expect(page.Page.Locator(".save-message")).ToContainTextAsync("Saved as e2e-adversarial");
        await Assertions.Expect(page.Page.Locator("#replace-button")).ToHaveCountAsync(0);

        // The same name again is refused, with the offer to replace that model by this one as its new version.
        await page.Page.Locator("#save-button").ClickAsync();
        await Assertions.Expect(page.Page.Locator(".save-message")).ToContainTextAsync("A model called 'e2e-adversarial' is already registered");
        await page.Page.Locator("#replace-button").ClickAsync();
        await Assertions.Expect(page.Page.Locator(".save-message")).ToContainTextAsync("Saved as the new version of e2e-adversarial");
        await Assertions.Expect(page.Page.Locator("#replace-button")).ToHaveCountAsync(0);
        using var client = new HttpClient { BaseAddress = lab.Address };
        var file = Path.Combine(lab.RegistryDirectory, "adversarial.safetensors.check");
        await File.WriteAllBytesAsync(file, await client.GetByteArrayAsync(ModelDownloads.PathOf("e2e-adversarial")));
        Assert.StartsWith("adversarial (Kurakin et al. 2017): step-ll, k/m 0.5, λ 0.5", ModelFile.ReadMetadata(file)["training"]);
        File.Delete(file);
        page.AssertNoErrors();
    }

    [Fact]
    public async Task Settings_that_do_not_fit_are_refused_by_the_server_with_a_reason()
    {
        await using var page = await lab.OpenAsync("/train");
        await page.Page.Locator(".mud-input-control:has(#dataset)").ClickAsync(); // MudSelect's input is hidden; its box takes the click
        await page.Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "cifar10" }).ClickAsync();
        await Assertions.Expect(page.Page.Locator("#dataset")).ToHaveValueAsync("cifar10");
        await page.Page.Locator("#train-button").ClickAsync();
        await Assertions.Expect(page.Page.Locator(".training-errors")).ToContainTextAsync("lenet-like takes 1×28×28 images, which cifar10 does not have");
        Assert.Equal("None", await State(page)); // no job was queued
        page.AssertNoErrors();
    }

    [Fact]
    public async Task Imports_a_valid_file_and_refuses_a_malformed_one()
    {
        await using var page = await lab.OpenAsync("/train");
        var bad = Path.Combine(lab.RegistryDirectory, "..", "not-a-model.safetensors");
        await File.WriteAllTextAsync(bad, "this is not a safetensors file");
        await page.Page.Locator("#import-file").SetInputFilesAsync(bad);
        await page.Page.Locator("#import-name").FillAsync("e2e-bad");
        await page.Page.Locator("#import-button").ClickAsync();
        await Assertions.Expect(page.Page.Locator(".import-message")).ToContainTextAsync("not-a-model.safetensors is not a model file RobustLab can load");
        await Assertions.Expect(page.Page.Locator("tr[data-model='e2e-bad']")).ToHaveCountAsync(0);

        await page.Page.Locator("#import-file").SetInputFilesAsync(Path.Combine(Cli.CliRunner.RepositoryRoot, "models", "borji-mnist.safetensors"));
        await page.Page.Locator("#import-name").FillAsync("e2e-imported");
        await page.Page.Locator("#import-button").ClickAsync();
        await Assertions.Expect(page.Page.Locator(".import-message")).ToContainTextAsync("Imported borji-mnist.safetensors as e2e-imported (borji-mnist)");
        await Assertions.Expect(page.Page.Locator("tr[data-model='e2e-imported']")).ToBeVisibleAsync();
        await page.ScreenshotAsync("train-registry");
        page.AssertNoErrors();
    }
}
