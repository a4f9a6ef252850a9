using System.Diagnostics;
using Microsoft.Playwright;
using RobustLab.Web.Services.Imaging;
using Xunit.Abstractions;
using TrainedModel = RobustLab.Tests.Attacks.TrainedModel;

namespace RobustLab.Tests.EndToEnd;

// The Lab page in Chromium: the views follow the controls without a button press (data-version counts the results
// shown), defenses change the predictions, drawings and uploads become the attacked image, and the slider-to-update
// latency is measured (reported, never asserted).
[Collection(BrowserCollection.Name)]
public sealed class LabPageBrowserTests(LabFixture lab, ITestOutputHelper output)
{
    private const string Views = "#lab-views";

    private static async Task<int> VersionAsync(BrowserPage page) =>
        int.Parse(await page.Page.Locator(Views).GetAttributeAsync("data-version") ?? "0");

    private static Task WaitForResultAfterAsync(BrowserPage page, int version, string what) =>
        page.WaitForAsync($"+document.querySelector('{Views}').dataset.version > {version}", what);

    private async Task<BrowserPage> OpenLabAsync()
    {
        var page = await lab.OpenAsync("/lab");
        await WaitForResultAfterAsync(page, 0, "the first result");
        return page;
    }

    private static Task<string?> SourceAsync(BrowserPage page, string tile) => page.Page.Locator($"#{tile} img").GetAttributeAsync("src");

    [Fact]
    public async Task Moving_epsilon_by_keyboard_changes_the_adversarial_image_and_the_heatmap()
    {
        await using var page = await OpenLabAsync();
        Assert.Contains("pgd · L∞ ε = 0.3 · t = 40 · α = 0.01", await page.Page.Locator("#attack-summary").InnerTextAsync());
        var adversarial = await SourceAsync(page, "undefended-adversarial");
        var heatmap = await SourceAsync(page, "undefended-magnitude");

        await page.Page.Locator("#epsilon-range").FocusAsync();
        int version = await VersionAsync(page);
        for (int i = 0; i < 10; i++) await page.Page.Keyboard.PressAsync("ArrowLeft"); // 0.3 → 0.25 in steps of 0.005
        await page.WaitForAsync("document.querySelector('#attack-summary').innerText.includes('ε = 0.25 ')", "the result for ε = 0.25");

        Assert.True(await VersionAsync(page) > version);
        Assert.Equal("0.25", await page.Page.Locator("#epsilon-range").InputValueAsync());
        Assert.Equal("0.25", await page.Page.Locator("input#epsilon-number").InputValueAsync());
        Assert.Equal("0.25", (await page.Page.Locator(".attack-row .metric-linf").First.InnerTextAsync()).Trim());
        Assert.NotEqual(adversarial, await SourceAsync(page, "undefended-adversarial"));
        Assert.NotEqual(heatmap, await SourceAsync(page, "undefended-magnitude"));
        Assert.Contains("0.25", await page.Page.Locator("#undefended-magnitude .color-bar").InnerTextAsync());

        // Home and End jump to the ends of the range; a typed value outside it is clamped, and the value used is shown.
        await page.Page.Keyboard.PressAsync("Home");
        await page.WaitForAsync("document.querySelector('#attack-summary').innerText.includes('ε = 0 ')", "the result for ε = 0");
        Assert.Equal("0", (await page.Page.Locator(".metric-linf").First.InnerTextAsync()).Trim());
        await page.Page.Keyboard.PressAsync("End");
        await page.WaitForAsync("document.querySelector('#attack-summary').innerText.includes('ε = 1 ')", "the result for ε = 1");
        await page.Page.Keyboard.PressAsync("Home");
        await page.WaitForAsync("document.querySelector('#attack-summary').innerText.includes('ε = 0 ')", "the result for ε = 0 again");
        await page.Page.Locator("input#epsilon-number").FillAsync("7");
        await page.Page.Locator("input#epsilon-number").PressAsync("Enter");
        await page.WaitForAsync("document.querySelector('#attack-summary').innerText.includes('ε = 1 ')", "the result for 7 clamped to 1");
        Assert.Equal("1", await page.Page.Locator("input#epsilon-number").InputValueAsync());
        Assert.Equal("1", await page.Page.Locator("#epsilon-range").InputValueAsync());
        await page.ScreenshotAsync("lab");
        page.AssertNoErrors();
    }

    [Fact]
    public async Task Turning_on_JumpReLU_changes_the_predictions_and_compare_shows_both_models()
    {
        await using var page = await OpenLabAsync();
        var undefended = await page.Page.Locator("#probabilities-undefended").InnerTextAsync();
        Assert.Equal(0, await page.Page.Locator("#probabilities-defended").CountAsync());

        await page.Page.Locator("#activation").GetByText("JumpReLU", new() { Exact = true }).ClickAsync();
        await page.WaitForAsync("document.querySelector('#probabilities-defended') !== null", "the defended model's probabilities");
        Assert.Contains("jumprelu:0.5", await page.Page.Locator(".attack-row-model").First.InnerTextAsync());
        var defended = await page.Page.Locator("#probabilities-defended").InnerTextAsync();
        Assert.NotEqual(undefended, defended);
        // Beside the defended model's bars, the undefended model's on the same images: said to be a transfer.
        Assert.Contains("crafted against the defended model", await page.Page.Locator("#probabilities-undefended-caption").InnerTextAsync());

        int version = await VersionAsync(page);
        await page.Page.Locator("label[for=compare-switch]").ClickAsync();
        await WaitForResultAfterAsync(page, version, "the comparison");
        await page.WaitForAsync("document.querySelectorAll('.attack-row').length === 2", "two attack rows");
        Assert.Equal(["Undefended", "Defended"], await page.Page.Locator(".attack-row-title").AllInnerTextsAsync());
        await page.ScreenshotAsync("lab-compare");

        // The comparison as a figure: one PNG of both rows (decoded here) and an SVG that names both models.
        await page.WaitForAsync("document.querySelector('#lab-views').getAttribute('aria-busy') === 'false'", "the comparison shown");
        var png = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.Locator("#figure-png").ClickAsync());
        Assert.Equal("lab-figure-mnist0-pgd.png", png.SuggestedFilename);
        var path = Path.Combine(LabFixture.ScreenshotDirectory, "lab-figure.png");
        await png.SaveAsAsync(path);
        using (var figure = SixLabors.ImageSharp.Image.Load(path))
        {
            var layout = new RobustLab.Web.Services.Figures.FigureLayout(2, RobustLab.Web.Services.Figures.LabFigurePng.DefaultPixelScale, 0,
                RobustLab.Web.Services.Figures.PixelFont.Height(2), caption: false);
            Assert.Equal((layout.Width, layout.Height), (figure.Width, figure.Height));
        }
        var svg = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.Locator("#figure-svg").ClickAsync());
        Assert.Equal("lab-figure-mnist0-pgd.svg", svg.SuggestedFilename);
        var svgPath = Path.Combine(LabFixture.ScreenshotDirectory, "lab-figure.svg");
        await svg.SaveAsAsync(svgPath);
        var texts = System.Xml.Linq.XDocument.Load(svgPath).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        Assert.Contains(texts, t => t.StartsWith("Undefended · ", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("Defended · ", StringComparison.Ordinal) && t.Contains("jumprelu:0.5", StringComparison.Ordinal));
        page.AssertNoErrors();
    }

    [Fact]
    public async Task The_keyboard_reaches_epsilon_by_the_skip_link_and_the_gallery_is_one_tab_stop()
    {
        await using var page = await OpenLabAsync();
        const string Active = "document.activeElement?.id ?? ''";

        // The skip link is the Lab page's first tab stop (just before the heading's share button), on screen when focused;
        // Enter on it puts the focus on the ε slider.
        await page.Page.Locator("#copy-link-button").FocusAsync();
        await page.Page.Keyboard.PressAsync("Shift+Tab");
        Assert.Equal("skip-to-epsilon", await page.Page.EvaluateAsync<string>(Active));
        var box = await page.Page.Locator("#skip-to-epsilon").BoundingBoxAsync();
        Assert.True(box is { X: >= 0, Width: > 0 }, "the focused skip link is on screen");
        await page.Page.Keyboard.PressAsync("Enter");
        await page.WaitForAsync("document.activeElement?.id === 'epsilon-range'", "the focus on the ε slider");

        // Without the skip link: the gallery is one tab stop, the arrow keys move through it, and ε is a few Tabs away.
        await page.Page.Locator(".gallery-item[tabindex='0']").FocusAsync();
        Assert.Equal("0", await page.Page.EvaluateAsync<string>("document.activeElement.dataset.index"));
        Assert.Equal(1, await page.Page.Locator(".gallery-item[tabindex='0']").CountAsync());
        await page.Page.Keyboard.PressAsync("ArrowRight");
        await page.WaitForAsync("document.activeElement?.dataset?.index === '1'", "the focus on the next thumbnail");
        await page.Page.Keyboard.PressAsync("ArrowDown");
        await page.WaitForAsync("document.activeElement?.dataset?.index === '9'", "the focus a row down");
        Assert.Equal(1, await page.Page.Locator(".gallery-item[tabindex='0']").CountAsync());
        int tabs = 0;
        while (await page.Page.EvaluateAsync<string>(Active) != "epsilon-range")
        {
            Assert.True(++tabs <= 16, $"ε within 16 Tabs of the gallery (it took 41 when every thumbnail was a tab stop); now at #{await page.Page.EvaluateAsync<string>(Active)}");
            await page.Page.Keyboard.PressAsync("Tab");
        }
        output.WriteLine($"Tabs from the gallery to ε: {tabs}.");

        // The drawing canvas is a named tab stop, and Clear is reachable after it.
        await page.Page.Locator(".lab-tabs .mud-tab", new() { HasText = "Draw" }).ClickAsync();
        await page.Page.Locator("#drawing-canvas").FocusAsync();
        Assert.Equal("drawing-canvas", await page.Page.EvaluateAsync<string>(Active));
        Assert.Equal("Drawing area: draw a digit", await page.Page.Locator("#drawing-canvas").GetAttributeAsync("aria-label"));
        await page.Page.Keyboard.PressAsync("Tab");
        Assert.Equal("drawing-clear", await page.Page.EvaluateAsync<string>(Active));
        page.AssertNoErrors();
    }

    [Fact]
    public async Task A_drawn_digit_is_centred_and_classified()
    {
        await using var page = await OpenLabAsync();
        await page.Page.Locator(".lab-tabs .mud-tab", new() { HasText = "Draw" }).ClickAsync();
        await page.Page.Locator("#drawing-canvas").WaitForAsync(); // the tab renders it on the server's next batch
        var canvas = await page.Page.Locator("#drawing-canvas").BoundingBoxAsync() ?? throw new InvalidOperationException("no canvas");
        int version = await VersionAsync(page);
        // A "1": one stroke down the left third of the canvas; the server scales and centres it.
        await page.Page.Mouse.MoveAsync(canvas.X + canvas.Width * 0.3f, canvas.Y + canvas.Height * 0.15f);
        await page.Page.Mouse.DownAsync();
        await page.Page.Mouse.MoveAsync(canvas.X + canvas.Width * 0.32f, canvas.Y + canvas.Height * 0.85f, new() { Steps = 12 });
        await page.Page.Mouse.UpAsync();
        await WaitForResultAfterAsync(page, version, "the result for the drawing");
        await page.WaitForAsync("document.querySelector('.lab-source').innerText === 'your drawing'", "the drawing as the image");
        // NOTE: the drawing is also sent while the stroke is under way, so the first results may show half a stroke.
        await page.WaitForAsync("document.querySelector('#undefended-clean figcaption').innerText.trim() === 'Clean · taken as 1'",
            "the whole stroke, classified as 1");
        await page.ScreenshotAsync("lab-draw");

        // The user says what the drawing is: "fooled" is then judged against that label, not the model's guess.
        Assert.Contains("judged against the model's own prediction", await page.Page.Locator("#true-label-note").InnerTextAsync());
        version = await VersionAsync(page);
        await page.Page.Locator("#true-label-select").SelectOptionAsync("7");
        await WaitForResultAfterAsync(page, version, "the result with the label");
        await page.WaitForAsync("document.querySelector('#undefended-clean figcaption').innerText.trim() === 'Clean · label 7'", "the drawing labelled 7");
        await Assertions.Expect(page.Page.Locator(".attack-outcome")).ToHaveTextAsync("wrong even before the attack: 7 → 1");

        // Clear takes the drawing off the views too: back to the MNIST image shown before drawing.
        version = await VersionAsync(page);
        await page.Page.Locator("#drawing-clear").ClickAsync();
        await WaitForResultAfterAsync(page, version, "the result after clearing");
        await page.WaitForAsync("document.querySelector('.lab-source').innerText === 'MNIST test image #0'", "the gallery image back");
        await Assertions.Expect(page.Page.Locator("#true-label")).ToHaveCountAsync(0);
        page.AssertNoErrors();
    }

    [Fact]
    public async Task An_uploaded_png_becomes_the_image_and_an_oversized_one_is_refused_before_decoding()
    {
        await using var page = await OpenLabAsync();
        await page.Page.Locator(".lab-tabs .mud-tab", new() { HasText = "Upload" }).ClickAsync();

        // MNIST test image #1 (a 2) as a dark digit on white paper, 4× larger: the browser shrinks it to 28×28 and the server inverts it.
        var two = TrainedModel.MnistTest(1, offset: 1);
        Assert.Equal(2, two.Labels[0]);
        var png = ImageRenderer.Png(two.Images.Data, 28, 28, Colormap.Greys, 0, 1, scale: 4);
        int version = await VersionAsync(page);
        await page.Page.Locator("#upload-input").SetInputFilesAsync(new FilePayload { Name = "two.png", MimeType = "image/png", Buffer = png });
        await WaitForResultAfterAsync(page, version, "the result for the upload");
        await page.WaitForAsync("document.querySelector('.lab-source').innerText.startsWith('two.png')", "the upload as the image");
        Assert.Equal("two.png (112×112)", (await page.Page.Locator(".lab-source").InnerTextAsync()).Trim());
        Assert.Equal("Clean · taken as 2", (await page.Page.Locator("#undefended-clean figcaption").InnerTextAsync()).Trim());

        // A PNG header claiming 10000×10000 pixels: refused from the header, never decoded, nothing recomputed.
        var huge = png.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(huge.AsSpan(16), 10_000);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(huge.AsSpan(20), 10_000);
        version = await VersionAsync(page);
        await page.Page.Locator("#upload-input").SetInputFilesAsync(new FilePayload { Name = "huge.png", MimeType = "image/png", Buffer = huge });
        await page.WaitForAsync("document.querySelector('#upload-message')?.innerText.includes('10000×10000')", "the refusal");
        Assert.Equal(version, await VersionAsync(page));
        Assert.StartsWith("two.png", await page.Page.Locator(".lab-source").InnerTextAsync());
        await page.ScreenshotAsync("lab-upload");
        page.AssertNoErrors();
    }

    [Fact]
    public async Task Slider_to_update_latency_is_measured()
    {
        await using var page = await OpenLabAsync();
        // Timed inside the browser, on its clock: from the key going down on the slider to the DOM change that shows
        // the new result (data-version), so neither the test's polling nor Playwright's messaging counts.
        await page.Page.EvaluateAsync("""
            () => {
                const timing = { down: 0, samples: [] };
                document.querySelector('#epsilon-range').addEventListener('keydown', () => timing.down = performance.now(), true);
                new MutationObserver(() => {
                    if (timing.down) { timing.samples.push(performance.now() - timing.down); timing.down = 0; }
                }).observe(document.querySelector('#lab-views'), { attributes: true, attributeFilter: ['data-version'] });
                document.querySelector('#lab-views').labTiming = timing;
            }
            """);
        await page.Page.Locator("#epsilon-range").FocusAsync();
        const int presses = 40;
        for (int i = 0; i < presses; i++)
        {
            int version = await VersionAsync(page);
            await page.Page.Keyboard.PressAsync(i % 2 == 0 ? "ArrowRight" : "ArrowLeft");
            await WaitForResultAfterAsync(page, version, $"update {i + 1}");
        }
        var latencies = (await page.Page.EvaluateAsync<double[]>("() => document.querySelector('#lab-views').labTiming.samples")).Order().ToList();
        double P(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        var server = await page.Page.Locator("#lab-timing").InnerTextAsync();
        output.WriteLine($"Lab slider → updated views in the browser (lenet-like, PGD-40, {latencies.Count} key presses): " +
            $"p50 {P(0.5):F0} ms, p95 {P(0.95):F0} ms, max {latencies[^1]:F0} ms. Server: {server}");
        Assert.Equal(presses, latencies.Count); // every key press produced exactly one update
        page.AssertNoErrors();
    }
}
