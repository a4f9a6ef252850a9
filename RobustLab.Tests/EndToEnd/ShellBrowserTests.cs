using Microsoft.Playwright;

namespace RobustLab.Tests.EndToEnd;

// The MudBlazor shell in Chromium: the drawer beside the page at 1280×720 and folded away on a 390-px phone (opened by
// the menu button); presenter mode (large type) and the dark palette are switched from the app bar and kept by this
// browser across a reload.
[Collection(BrowserCollection.Name)]
public sealed class ShellBrowserTests(LabFixture lab)
{
    private static Task<string> RootFontSize(BrowserPage page) => page.Page.EvaluateAsync<string>("getComputedStyle(document.documentElement).fontSize");

    // The page is no wider than the phone; else the innermost elements that stick out, to say which.
    private static async Task AssertFitsAsync(BrowserPage page, int width, string what)
    {
        var wide = await page.Page.EvaluateAsync<string[]>($$"""
            () => document.documentElement.scrollWidth <= {{width}} ? [] :
                [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > {{width}} + 0.5
                    && ![...e.children].some(c => c.getBoundingClientRect().right > {{width}} + 0.5))
                  .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}#${e.id} (right ${Math.round(e.getBoundingClientRect().right)})`)
            """);
        Assert.True(wide.Length == 0, $"{what} is wider than {width} px: {string.Join(", ", wide)}");
    }

    [Fact]
    public async Task Presenter_mode_and_the_dark_palette_are_switched_from_the_app_bar_and_remembered()
    {
        await using var page = await lab.OpenAsync("/");
        try
        {
            await page.Page.SetViewportSizeAsync(1280, 720);
            await Assertions.Expect(page.Page.Locator("nav .mud-nav-link", new() { HasText = "Lab" })).ToBeVisibleAsync();
            Assert.Equal("16px", await RootFontSize(page));
            var background = await page.Page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");

            await page.Page.Locator("#presenter-toggle").ClickAsync();
            await page.WaitForAsync("document.documentElement.classList.contains('presenter')", "presenter mode");
            Assert.Equal("20px", await RootFontSize(page)); // everything sized in rem grows by a quarter
            await page.Page.Locator("#dark-toggle").ClickAsync();
            await Assertions.Expect(page.Page.Locator("#dark-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
            await page.WaitForAsync($"getComputedStyle(document.body).backgroundColor !== '{background}'", "the dark background");
            await page.ScreenshotAsync("home-presenter-dark");

            await page.Page.ReloadAsync();
            await page.Page.Locator("[data-interactive='true']").WaitForAsync();
            await page.WaitForAsync("document.documentElement.classList.contains('presenter')", "presenter mode after a reload");
            await Assertions.Expect(page.Page.Locator("#presenter-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(page.Page.Locator("#dark-toggle")).ToHaveAttributeAsync("aria-pressed", "true");

            await page.Page.Locator("#presenter-toggle").ClickAsync();
            await page.WaitForAsync("!document.documentElement.classList.contains('presenter')", "presenter mode off");
            Assert.Equal("16px", await RootFontSize(page));
            page.AssertNoErrors();
        }
        finally
        {
            // NOTE: the browser profile is shared by the collection: leave the other tests the default display.
            await page.Page.EvaluateAsync("localStorage.removeItem('robustlab.display')");
            await page.Page.SetViewportSizeAsync(1400, 1300);
        }
    }

    [Fact]
    public async Task On_a_phone_the_drawer_folds_away_and_the_menu_button_opens_it()
    {
        await using var page = await lab.OpenAsync("/");
        try
        {
            await page.Page.SetViewportSizeAsync(390, 844);
            var train = page.Page.Locator("nav .mud-nav-link", new() { HasText = "Train" });
            await Assertions.Expect(train).Not.ToBeInViewportAsync();
            await AssertFitsAsync(page, 390, "the start page");
            await page.ScreenshotAsync("home-phone");

            await page.Page.Locator("#nav-toggle").ClickAsync();
            await Assertions.Expect(train).ToBeInViewportAsync();
            await train.ClickAsync();
            await page.Page.WaitForURLAsync("**/train");
            await page.Page.Locator("#train-button").WaitForAsync();
            await AssertFitsAsync(page, 390, "the Train page");
            await page.ScreenshotAsync("train-phone");
            page.AssertNoErrors();
        }
        finally
        {
            await page.Page.SetViewportSizeAsync(1400, 1300);
        }
    }
}
