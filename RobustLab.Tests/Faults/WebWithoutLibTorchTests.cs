using System.Net;
using System.Text.Json;
using RobustLab.Tests.EndToEnd;
using RobustLab.Tests.Web.Registry;

namespace RobustLab.Tests.Faults;

// The web app from a copy of its build output without libtorch (TorchScript uploads allowed): it starts and works on the
// native engine, and a TorchScript upload is refused with RobustLab.Torch's message saying what is missing.
public sealed class WebWithoutLibTorchTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private LabServer? _server;

    public async Task InitializeAsync()
    {
        // Everything but libtorch's native libraries (SQLite's stays: the registry needs it).
        string from = LabServer.OutputDirectory, to = _temp.File("web");
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            bool native = relative.StartsWith("runtimes", StringComparison.Ordinal);
            if (native && !Path.GetFileName(file).Contains("sqlite", StringComparison.Ordinal)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
        _server = await LabServer.StartAsync(new Dictionary<string, string>
        {
            ["RobustLab__RegistryDirectory"] = _temp.File("registry"),
            ["RobustLab__WarmUpOnStartup"] = "false",
            ["RobustLab__DownloadMnist"] = "false",
            ["RobustLab__Registry__AllowTorchScript"] = "true",
            // NOTE: the copy is outside the repository, so the data directory is named (else data/ beside the working directory).
            [Engine.Data.DataDirectory.EnvironmentVariable] = Engine.Data.DataDirectory.Resolve(null),
        }, to);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task It_starts_and_works_natively_and_refuses_TorchScript_saying_why()
    {
        using var client = new HttpClient { BaseAddress = _server!.Address, Timeout = TimeSpan.FromMinutes(1) };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lab")).StatusCode);
        using (var native = await client.PostAsync("/api/models/native", new ByteArrayContent(MalformedModelFiles.Valid)))
            Assert.Equal(HttpStatusCode.Created, native.StatusCode);

        using var refused = await client.PostAsync("/api/models/mine",
            new ByteArrayContent(await File.ReadAllBytesAsync(TorchScriptRegistryTests.Fixture("resnet-mini.pt"))));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var detail = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Contains("TorchScript models cannot be used on this server: libtorch is not part of this build", detail);
        Assert.DoesNotContain("not restored", _server.Log);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/models/native/download")).StatusCode);
    }
}
