using Microsoft.Playwright;

namespace RobustLab.Tests.EndToEnd;

/// <summary>One browser tab on the app: the Playwright page, the JavaScript errors it raised, and screenshots.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly List<string> _errors = [];
    private readonly LabFixture _fixture;

    internal BrowserPage(IPage page, LabFixture fixture)
    {
        (Page, _fixture) = (page, fixture);
        page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (_errors) _errors.Add($"console: {message.Text}");
        };
        page.PageError += (_, error) =>
        {
            lock (_errors) _errors.Add($"page error: {error}");
        };
    }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get { lock (_errors) return [.. _errors]; }
    }

    /// <summary>Fails with the errors (and the app's output) when the page raised any.</summary>
    public void AssertNoErrors()
    {
        var errors = Errors;
        Assert.True(errors.Count == 0, $"The page raised errors:\n{string.Join("\n", errors)}\nApp output:\n{_fixture.ServerLog}");
    }

    /// <summary>Saves a full-page screenshot as artifacts/screenshots/<paramref name="name"/>.png and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(LabFixture.ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> (a JavaScript expression) is true, with a message when it never is.
    /// A condition that throws (it reads an element not rendered yet) counts as not yet true; its last error is in the message.
    /// </summary>
    public async Task WaitForAsync(string condition, string what, int timeoutMs = 60_000)
    {
        string key = "__robustlabWait" + Guid.NewGuid().ToString("N"); // this wait's own last error
        string tolerant = $"() => {{ try {{ return !!({condition}); }} catch (e) {{ window.{key} = String(e); return false; }} }}";
        try
        {
            await Page.WaitForFunctionAsync(tolerant, null, new PageWaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 100 });
        }
        catch (TimeoutException e)
        {
            string? error;
            try { error = await Page.EvaluateAsync<string?>($"() => window.{key} ?? null"); }
            catch (PlaywrightException) { error = "(the page no longer answers)"; }
            throw new TimeoutException($"Waited {timeoutMs / 1000} s for {what} ({condition}).\nLast error: {error ?? "none"}\nApp output:\n{_fixture.ServerLog}", e);
        }
    }

    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
