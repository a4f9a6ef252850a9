using Microsoft.Playwright;

namespace RobustLab.Tests.EndToEnd;

/// <summary>
/// Shared by every end-to-end test (the "browser" collection): the real app (<see cref="LabServer"/>) and Debian's
/// Chromium driven by Playwright with a fresh profile. Screenshots go to artifacts/screenshots/ (git-ignored).
/// </summary>
/// <remarks>
/// Needs /usr/bin/chromium (Debian package "chromium", installed by scripts/setup.sh); without it every test in the
/// collection fails with that advice rather than being skipped. Playwright's own browsers are never used or fetched:
/// the driver (Node.js and its package) ships inside the Microsoft.Playwright NuGet package and runs offline.
/// </remarks>
public sealed class LabFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The flags DESIGN.md gives for Chromium in tests.</summary>
    public static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly TempDirectory _temp = new();
    private LabServer? _server;
    private IPlaywright? _playwright;
    private IBrowserContext? _browser;

    /// <summary>The app's address (http://127.0.0.1:port/).</summary>
    public Uri Address => Server.Address;

    /// <summary>The model registry folder of this run (a temporary one).</summary>
    public string RegistryDirectory => _temp.File("registry");

    /// <summary>Where screenshots go: artifacts/screenshots/ at the repository root.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(Cli.CliRunner.RepositoryRoot, "artifacts", "screenshots");

    /// <summary>What the app printed, for failure messages.</summary>
    public string ServerLog => _server?.Log ?? "";

    private LabServer Server => _server ?? throw new InvalidOperationException("The app is not running.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"End-to-end tests need Chromium at {ChromiumPath}, which is missing. Run scripts/setup.sh as root " +
                "(it installs the Debian package 'chromium'), or `sudo apt-get install chromium`.");
        _server = await LabServer.StartAsync(new Dictionary<string, string>
        {
            ["RobustLab__RegistryDirectory"] = RegistryDirectory,
            ["RobustLab__Registry__AllowTorchScript"] = "true", // TorchScriptBrowserTests uploads a user's PyTorch model
        });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchPersistentContextAsync(_temp.File("chromium-profile"), new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            ViewportSize = new ViewportSize { Width = 1400, Height = 1300 },
            BaseURL = Address.ToString(),
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>Opens <paramref name="path"/> in a new tab and waits until the page's circuit is connected ([data-interactive=true]).</summary>
    public async Task<BrowserPage> OpenAsync(string path)
    {
        var page = new BrowserPage(await _browser!.NewPageAsync(), this);
        await page.Page.GotoAsync(path);
        await page.Page.Locator("[data-interactive='true']").WaitForAsync(new() { Timeout = 60_000 });
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        _temp.Dispose();
    }
}

/// <summary>The end-to-end tests share one app and one browser, and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<LabFixture>
{
    public const string Name = "browser";
}
