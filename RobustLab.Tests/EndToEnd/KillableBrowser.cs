using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RobustLab.Tests.EndToEnd;

/// <summary>
/// Debian's Chromium started by the test itself (not by Playwright), so the test owns its process and can kill it:
/// Playwright attaches over the DevTools protocol. Killing the process (SIGKILL) drops its connections the way a
/// crashed browser or a closed laptop lid does: no unload event, no goodbye to the server.
/// </summary>
internal sealed partial class KillableBrowser : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _profile;
    private readonly IPlaywright _playwright;

    private KillableBrowser(Process process, TempDirectory profile, IPlaywright playwright, IBrowser browser) =>
        (_process, _profile, _playwright, Browser) = (process, profile, playwright, browser);

    public IBrowser Browser { get; }

    public static async Task<KillableBrowser> LaunchAsync()
    {
        var profile = new TempDirectory();
        var start = new ProcessStartInfo(LabFixture.ChromiumPath) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in LabFixture.ChromiumArgs) start.ArgumentList.Add(arg);
        start.ArgumentList.Add("--headless=new");
        start.ArgumentList.Add("--remote-debugging-port=0"); // Chromium picks a free port and prints its address
        start.ArgumentList.Add($"--user-data-dir={profile.Root}");
        start.ArgumentList.Add("about:blank");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{LabFixture.ChromiumPath} did not start.");
        var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null && DevTools().Match(e.Data) is { Success: true } m) endpoint.TrySetResult(m.Groups[1].Value);
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            var address = await endpoint.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.ConnectOverCDPAsync(address);
            return new KillableBrowser(process, profile, playwright, browser);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            profile.Dispose();
            throw;
        }
    }

    /// <summary>A new tab in the browser's default context.</summary>
    public Task<IPage> NewPageAsync() => Browser.Contexts[0].NewPageAsync();

    /// <summary>SIGKILL to Chromium and all its helper processes (the network service holds the sockets).</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            await Browser.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // The browser is gone already.
        }
        _playwright.Dispose();
        _process.Dispose();
        _profile.Dispose();
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex DevTools();
}
