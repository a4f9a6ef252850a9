using System.Net;
using System.Text.Json;
using RobustLab.Tests.EndToEnd;
using RobustLab.Tests.Web.Registry;

namespace RobustLab.Tests.Faults;

// A sample of the malformed imports of ModelImportFuzzTests, sent over real HTTP to the real app (Kestrel, its body size
// limit, chunked bodies, a client that hangs up mid-upload): each refused with a status and a message, nothing logged as
// a failure, nothing left on disk, and a valid upload still goes through. A TorchScript archive is refused with 403 while
// RobustLab:Registry:AllowTorchScript is off (the default).
public sealed class ModelImportHttpTests : IAsyncLifetime
{
    private const long Limit = 1 << 20;
    private readonly TempDirectory _temp = new();
    private LabServer? _server;

    private string Registry => _temp.File("registry");

    public async Task InitializeAsync() => _server = await LabServer.StartAsync(new Dictionary<string, string>
    {
        ["RobustLab__RegistryDirectory"] = Registry,
        ["RobustLab__WarmUpOnStartup"] = "false",
        ["RobustLab__MaxModelFileBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Malformed_imports_over_real_http_are_refused_and_the_server_carries_on()
    {
        using var client = new HttpClient { BaseAddress = _server!.Address, Timeout = TimeSpan.FromMinutes(1) };
        using (var bystander = await client.PostAsync("/api/models/bystander", new ByteArrayContent(MalformedModelFiles.Valid)))
            Assert.Equal(HttpStatusCode.Created, bystander.StatusCode); // a name the sample finds taken
        var cases = ModelImportFuzzTests.Cases(seed: 77, count: 130, Limit); // ten of every kind
        var failures = new List<string>();
        int cutOff = 0;
        foreach (var c in cases)
        {
            try
            {
                using var response = await client.PostAsync(c.Path, c.Content());
                if (await ModelImportFuzzTests.CheckAsync(c, response) is { } failure) failures.Add(failure);
            }
            catch (HttpRequestException) when (c.Kind == "too large")
            {
                // Kestrel may answer 413 and close the connection while a body over the limit is still being sent, so
                // the client sees its send fail instead of the answer; the server side is checked below all the same.
                cutOff++;
            }
        }
        Assert.True(cutOff <= 10, $"{cutOff} oversized uploads got no answer");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} were not refused with a message:\n{string.Join("\n", failures.Take(20))}");

        // A client that hangs up half-way through a valid upload: nothing is registered and no file stays.
        using (var abort = new CancellationTokenSource())
        {
            var content = new StreamContent(new HalfThenHang(MalformedModelFiles.Valid, abort));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.PostAsync("/api/models/hung-up", content, abort.Token));
        }
        await _server.WaitForLineAsync(new System.Text.RegularExpressions.Regex("An import of 'hung-up' ended early"), 0, TimeSpan.FromSeconds(30));

        using var good = await client.PostAsync("/api/models/still-works", new ByteArrayContent(MalformedModelFiles.Valid));
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/models/hung-up/download")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/models/still-works/download")).StatusCode);
        Assert.Equal(["bystander", "still-works"], Directory.GetFiles(Registry, "*.safetensors").Select(f => Path.GetFileName(f).Split('.')[0]).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(Registry, ".*.tmp"));
        Assert.DoesNotContain("fail:", _server.Log);
        Assert.DoesNotContain("Unhandled", _server.Log);
    }

    // Sends the first half of the bytes, then cancels the request as a client that goes away would.
    private sealed class HalfThenHang(byte[] bytes, CancellationTokenSource abort) : Stream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= bytes.Length / 2)
            {
                abort.Cancel();
                abort.Token.ThrowIfCancellationRequested();
            }
            int n = Math.Min(count, bytes.Length / 2 - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
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
