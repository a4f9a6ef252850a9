namespace RobustLab.Tests.EndToEnd;

// The start page in Chromium: the default model's summary and its MNIST test accuracy arrive over the circuit,
// and the menu leads to the Train page.
[Collection(BrowserCollection.Name)]
public sealed class HomePageTests(LabFixture lab)
{
    [Fact]
    public async Task Shows_the_default_model_and_its_test_accuracy()
    {
        await using var page = await lab.OpenAsync("/");
        await page.WaitForAsync("document.querySelector('#test-accuracy [data-phase]')?.dataset.phase === 'Done'",
            "the test accuracy of the default model", timeoutMs: 180_000);
        Assert.Equal("lenet-like", (await page.Page.Locator(".model-architecture").InnerTextAsync()).Trim());
        Assert.Contains("of 10,000 images classified correctly", await page.Page.Locator("#test-accuracy").InnerTextAsync());
        await page.ScreenshotAsync("home");

        await page.Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Train" }).ClickAsync();
        await page.Page.WaitForURLAsync("**/train");
        await page.Page.Locator("#train-button").WaitForAsync();
        page.AssertNoErrors();
    }
}
