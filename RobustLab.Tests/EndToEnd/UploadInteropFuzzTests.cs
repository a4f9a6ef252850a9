using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RobustLab.Tests.EndToEnd;

// A sample of malformed uploads sent to the real app over its real protocol: the page's upload module is served with one
// line added that hands its .NET reference to the test, which then calls ImageUpload.OnUploadedAsync with what a hostile
// or broken client could send (wrong types and lengths, NaN, huge sizes, odd names). Each call is refused — by the
// interop layer (a type that does not deserialize) or by the server's checks (a message on the page) — the circuit
// survives, and a sound upload afterwards is used. (The 1,000 in-process: Faults/UploadFuzzTests.)
[Collection(BrowserCollection.Name)]
public sealed class UploadInteropFuzzTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private LabServer? _server;

    public async Task InitializeAsync() => _server = await LabServer.StartAsync(new Dictionary<string, string>
    {
        ["RobustLab__RegistryDirectory"] = _temp.File("registry"),
        ["RobustLab__WarmUpOnStartup"] = "false",
    });

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _temp.Dispose();
    }

    // [grey, width, height, name, originalWidth, originalHeight] as JavaScript expressions; zeros = new Uint8Array(784).
    private static readonly string[] Malformed =
    [
        "[null, 28, 28, 'a.png', 28, 28]",
        "[new Uint8Array(0), 28, 28, 'a.png', 28, 28]",
        "[new Uint8Array(783), 28, 28, 'a.png', 28, 28]",
        "[new Uint8Array(785), 28, 28, 'a.png', 28, 28]",
        "[new Uint8Array(784 * 4), 56, 56, 'a.png', 56, 56]",
        "[zeros, 14, 56, 'a.png', 28, 28]",
        "[zeros, NaN, 28, 'a.png', 28, 28]",
        "[zeros, 28, Infinity, 'a.png', 28, 28]",
        "[zeros, 28.5, 28, 'a.png', 28, 28]",
        "[zeros, '28', 28, 'a.png', 28, 28]",
        "[zeros, 1e12, 28, 'a.png', 28, 28]",
        "[zeros, -28, -28, 'a.png', 28, 28]",
        "[zeros, 28, 28, 'a.png', 0, 28]",
        "[zeros, 28, 28, 'a.png', 28, 100000]",
        "[zeros, 28, 28, 'a.png', NaN, 28]",
        "[zeros, 28, 28, 'a.png', 2147483647, -2147483648]",
        "[Array.from({length: 784}, () => 300), 28, 28, 'a.png', 28, 28]",
        "[Array.from({length: 784}, () => 0.5), 28, 28, 'a.png', 28, 28]",
        "['not bytes', 28, 28, 'a.png', 28, 28]",
        "[{}, 28, 28, 'a.png', 28, 28]",
        "[zeros, 28, 28, {evil: true}, 28, 0]",
        "[zeros, 28, 28, 'x'.repeat(20000), 0, 0]",
        "[zeros, 28, 28, '\\u0000\\u001b<script>', 28, 9999]",
        "[zeros, 28]",
        "[]",
    ];

    [Fact]
    public async Task Malformed_upload_calls_are_refused_and_the_circuit_carries_on()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = LabFixture.ChromiumPath, Headless = true, Args = LabFixture.ChromiumArgs });
        var page = await browser.NewPageAsync();
        await page.RouteAsync(new Regex(@"/ImageUpload(\.\w+)?\.razor\.js"), async route =>
        {
            var original = await route.FetchAsync();
            var script = (await original.TextAsync()).Replace("export function init(input, dropZone, dotNet, limits) {",
                "export function init(input, dropZone, dotNet, limits) {\n    globalThis.uploadForTest = dotNet;");
            Assert.Contains("uploadForTest", script);
            await route.FulfillAsync(new() { Response = original, Body = script });
        });
        await page.GotoAsync(new Uri(_server!.Address, "lab").ToString());
        await page.Locator("[data-interactive='true']").WaitForAsync(new() { Timeout = 60_000 });
        await page.Locator(".lab-tabs .mud-tab", new() { HasText = "Upload" }).ClickAsync();
        await page.WaitForFunctionAsync("() => globalThis.uploadForTest !== undefined", null, new() { Timeout = 60_000 });

        var outcomes = new List<string>();
        foreach (var args in Malformed)
        {
            var outcome = await page.EvaluateAsync<string>($$"""
                async () => {
                    const zeros = new Uint8Array(784);
                    const box = () => document.querySelector('#upload-message');
                    const settle = async done => { for (let i = 0; i < 250 && !done(); i++) await new Promise(r => setTimeout(r, 20)); };
                    // A sound upload first, so that a refusal afterwards is a visible change of the message.
                    await globalThis.uploadForTest.invokeMethodAsync('OnUploadedAsync', zeros, 28, 28, 'fine.png', 28, 28);
                    await settle(() => box() && !box().classList.contains('is-error'));
                    try {
                        await globalThis.uploadForTest.invokeMethodAsync('OnUploadedAsync', ...{{args}});
                    } catch (e) {
                        return 'interop: ' + String(e.message ?? e).slice(0, 120);
                    }
                    await settle(() => box()?.classList.contains('is-error'));
                    return (box()?.classList.contains('is-error') ? 'refused: ' : 'ACCEPTED: ') + (box()?.innerText ?? '');
                }
                """);
            outcomes.Add($"{args} → {outcome}");
        }
        var accepted = outcomes.Where(o => o.Contains("→ ACCEPTED", StringComparison.Ordinal)).ToList();
        Assert.True(accepted.Count == 0, $"accepted:\n{string.Join("\n", accepted)}\n\nall:\n{string.Join("\n", outcomes)}");
        Assert.Contains(outcomes, o => o.Contains("refused: ", StringComparison.Ordinal)); // the server's own checks answered some
        Assert.All(outcomes.Where(o => o.Contains("refused: ", StringComparison.Ordinal)), o => Assert.DoesNotMatch(@"refused: \s*$", o));

        // The circuit is alive: a sound upload (a vertical stroke, light on dark) is used as the image.
        await page.EvaluateAsync("""
            () => {
                const pixels = new Uint8Array(784);
                for (let row = 6; row < 22; row++) pixels[row * 28 + 14] = 255;
                return globalThis.uploadForTest.invokeMethodAsync('OnUploadedAsync', pixels, 28, 28, 'fine.png', 28, 28);
            }
            """);
        await Assertions.Expect(page.Locator("#upload-message")).ToContainTextAsync("Using fine.png (28×28).");
        await Assertions.Expect(page.Locator("#upload-message.is-error")).ToHaveCountAsync(0);
        Console.WriteLine(JsonSerializer.Serialize(outcomes, new JsonSerializerOptions { WriteIndented = true }));
    }
}
