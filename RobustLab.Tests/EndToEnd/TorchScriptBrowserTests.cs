using Microsoft.Playwright;

namespace RobustLab.Tests.EndToEnd;

// A user's own PyTorch model in Chromium (the fixture's server allows TorchScript uploads): resnet-mini.pt is imported on
// the Train page, its card shows libtorch's submodules and its clean accuracy, and on the Lab page it is attacked while
// the activation controls say why they are off.
[Collection(BrowserCollection.Name)]
public sealed class TorchScriptBrowserTests(LabFixture lab)
{
    private const string Name = "e2e-resnet-mini";
    private const string Views = "#lab-views";

    [Fact]
    public async Task A_TorchScript_upload_is_attacked_on_the_Lab_page_with_its_activation_controls_off()
    {
        await using (var train = await lab.OpenAsync("/train"))
        {
            await train.Page.Locator("#import-file").SetInputFilesAsync(Web.Registry.TorchScriptRegistryTests.Fixture("resnet-mini.pt"));
            // The page names the import after the file once it has it; then the name is ours.
            await Assertions.Expect(train.Page.Locator("#import-name")).ToHaveValueAsync("resnet-mini", new() { Timeout = 30_000 });
            await train.Page.Locator("#import-name").FillAsync(Name);
            await train.Page.Locator("#import-button").ClickAsync();
            await Assertions.Expect(train.Page.Locator(".import-message")).ToContainTextAsync($"Imported resnet-mini.pt as {Name} (torchscript)",
                new() { Timeout = 60_000 });
            await train.Page.Locator($"tr[data-model='{Name}'] .model-card-button").ClickAsync();
            var card = train.Page.Locator("#model-card");
            await Assertions.Expect(card).ToContainTextAsync("libtorch (TorchScript)", new() { Timeout = 60_000 });
            await Assertions.Expect(card).ToContainTextAsync("1×28×28");
            await Assertions.Expect(card.Locator("#model-card-accuracy")).ToContainTextAsync("of the first 1000 test images", new() { Timeout = 60_000 });
            await Assertions.Expect(card).ToContainTextAsync("block.conv1");
            await train.ScreenshotAsync("train-model-card");
            train.AssertNoErrors();
        }

        await using var page = await lab.OpenAsync("/lab");
        await page.WaitForAsync($"+document.querySelector('{Views}').dataset.version > 0", "the first result");
        int version = int.Parse(await page.Page.Locator(Views).GetAttributeAsync("data-version") ?? "0");
        await page.Page.Locator(".mud-input-control:has(#model-select)").ClickAsync(); // MudSelect's input is hidden; its box takes the click
        await page.Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = Name }).ClickAsync();
        await page.WaitForAsync($"+document.querySelector('{Views}').dataset.version > {version} && " +
                                "document.querySelector('.attack-row-model')?.innerText.includes('TorchScript')", "the result on the TorchScript model");
        await Assertions.Expect(page.Page.Locator("#activation-off")).ToContainTextAsync("no activation slots");
        Assert.Contains("pgd", await page.Page.Locator("#attack-summary").InnerTextAsync());
        Assert.True(await page.Page.EvaluateAsync<bool>("document.querySelector('#activation').outerHTML.includes('disabled')"),
            "the activation selector is disabled");
        await page.ScreenshotAsync("lab-torchscript");
        page.AssertNoErrors();
    }
}
