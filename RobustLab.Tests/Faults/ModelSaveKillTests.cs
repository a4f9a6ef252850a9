using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;
using RobustLab.Tests.EndToEnd;
using RobustLab.Web.Services.Registry;
using Xunit.Abstractions;

namespace RobustLab.Tests.Faults;

// Issue 5: the server is killed (SIGKILL) during a model save → after the restart the files and the database are intact
// (PRAGMA integrity_check = ok) and the model still loads: the previous version, or the new one if the save got that far,
// never neither. The real app (LabServer) saves through POST /api/models/victim?replace=true, the new version a
// several-megabyte alex-like file streamed in chunks, and is killed at seeded random moments spread over the whole save:
// while the body streams in, while it is validated and hashed, around the row swap and the old file's deletion.
public sealed class ModelSaveKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 6;

    private readonly TempDirectory _temp = new();

    private string Registry => _temp.File("registry");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private Task<LabServer> StartAsync() => LabServer.StartAsync(new Dictionary<string, string>
    {
        ["RobustLab__RegistryDirectory"] = Registry,
        ["RobustLab__WarmUpOnStartup"] = "false",
    });

    private static byte[] ModelBytes(string architecture, int seed)
    {
        var stream = new MemoryStream();
        var net = ModelZoo.Create(architecture, seed);
        SafeTensors.Write(stream, net.StateDict(), new Dictionary<string, string> { [ModelFile.ArchitectureKey] = architecture, ["version"] = seed.ToString() });
        return stream.ToArray();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static Task<HttpResponseMessage> Replace(HttpClient client, byte[] content) =>
        client.PostAsync("/api/models/victim?replace=true", new SlowContent(content));

    [Fact]
    public async Task A_save_killed_at_any_moment_leaves_an_intact_registry_and_a_loadable_model()
    {
        var rng = new Random(1122);
        var versions = new Dictionary<string, int>();
        byte[] Version(int seed)
        {
            var bytes = ModelBytes(seed % 2 == 0 ? ModelZoo.AlexLike : ModelZoo.LeNetLike, seed);
            versions[Sha256(bytes)] = seed;
            return bytes;
        }

        var server = await StartAsync();
        TimeSpan saveTime;
        string current;
        using (var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) })
        {
            var first = Version(1);
            Assert.Equal(HttpStatusCode.Created, (await Replace(client, first)).StatusCode);
            // One unkilled replace by the big version times a whole save on this machine; kills are spread over it.
            var big = Version(2);
            var clock = Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.OK, (await Replace(client, big)).StatusCode);
            saveTime = clock.Elapsed;
            current = Sha256(big);
        }
        output.WriteLine($"A replace by a {ModelBytes(ModelZoo.AlexLike, 2).Length / 1e6:0.0} MB file takes {saveTime.TotalMilliseconds:0} ms.");

        var outcomes = new List<string>();
        for (int kill = 0; kill < Kills; kill++)
        {
            var next = Version(3 + kill);
            var delay = saveTime * (rng.NextDouble() * 1.2);
            using (var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) })
            {
                var save = Replace(client, next);
                await Task.Delay(delay);
                server.Kill();
                try
                {
                    (await save).Dispose(); // it may have finished just before the kill
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    // The server died under the request: expected.
                }
            }
            await server.DisposeAsync();

            // What the crash left, before anything opens the registry: the database passes SQLite's own check.
            var strays = Directory.GetFiles(Registry).Select(Path.GetFileName).Where(f => !f!.StartsWith(ModelRegistry.DatabaseFile, StringComparison.Ordinal)).ToArray();
            Assert.Equal("ok", RegistryIntegrity.Check(Path.Combine(Registry, ModelRegistry.DatabaseFile)));

            // A restart: the registry opens, removes what no row refers to, and the model loads — old or new version.
            var registry = new ModelRegistry(new ModelRegistrySettings(Registry, _temp.File("no-built-ins"), 64L << 20), NullLogger<ModelRegistry>.Instance);
            var model = Assert.Single(registry.List());
            Assert.True(model.Sha256 == current || model.Sha256 == Sha256(next), $"kill {kill}: the registry holds neither the old nor the new version");
            registry.Load("victim"); // checks the SHA-256 and builds the network
            Assert.Equal([Path.GetFileName(model.FilePath)], Directory.GetFiles(Registry, "*.safetensors").Select(Path.GetFileName));
            Assert.Empty(Directory.GetFiles(Registry, ".*.tmp"));
            SqliteConnection.ClearAllPools();

            server = await StartAsync();
            using (var client = new HttpClient { BaseAddress = server.Address })
            {
                var served = await client.GetByteArrayAsync(ModelDownloads.PathOf("victim"));
                Assert.Equal(model.Sha256, Sha256(served));
            }
            bool survived = model.Sha256 == current;
            outcomes.Add($"kill {kill} at {delay.TotalMilliseconds:0} ms: {(survived ? "previous" : "new")} version (v{versions[model.Sha256]}), " +
                         $"{strays.Length} file(s) in the folder before the restart");
            current = model.Sha256;
        }
        await server.DisposeAsync();
        output.WriteLine(string.Join("\n", outcomes));
    }

    // The body in 64 KB chunks with a pause after each, as a real upload arrives: the kill can land mid-write.
    private sealed class SlowContent(byte[] bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (int offset = 0; offset < bytes.Length; offset += 1 << 16)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(1 << 16, bytes.Length - offset)));
                await stream.FlushAsync();
                await Task.Delay(2);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
