using System.Net;
using System.Text.Json;
using RobustLab.Tests.EndToEnd;
using RobustLab.Tests.Web.Registry;

namespace RobustLab.Tests.Faults;

// POST /api/models/{name} with a TorchScript archive on the real app with its default settings: refused with 403 and a
// message naming RobustLab:Registry:AllowTorchScript; nothing is stored, and a safetensors import still goes through.
public sealed class TorchScriptImportHttpTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private LabServer? _server;

    private string Registry => _temp.File("registry");

    public async Task InitializeAsync() => _server = await LabServer.StartAsync(new Dictionary<string, string>
    {
        ["RobustLab__RegistryDirectory"] = Registry,
        ["RobustLab__WarmUpOnStartup"] = "false",
    });

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_TorchScript_upload_is_refused_by_default_with_403_naming_the_setting()
    {
        using var client = new HttpClient { BaseAddress = _server!.Address, Timeout = TimeSpan.FromMinutes(1) };
        using var refused = await client.PostAsync("/api/models/mine",
            new ByteArrayContent(await File.ReadAllBytesAsync(TorchScriptRegistryTests.Fixture("resnet-mini.pt"))));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var detail = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Contains("RobustLab:Registry:AllowTorchScript", detail);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/models/mine/download")).StatusCode);
        Assert.Empty(Directory.GetFiles(Registry, "*.pt"));

        using var good = await client.PostAsync("/api/models/still-works", new ByteArrayContent(MalformedModelFiles.Valid));
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        Assert.DoesNotContain("fail:", _server.Log);
    }
}
