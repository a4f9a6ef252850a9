using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using RobustLab.Tests.Web.Experiments;
using RobustLab.Web.Services.Experiments;
using RobustLab.Web.Services.Registry;

namespace RobustLab.Tests.EndToEnd;

// The server is killed (SIGKILL) while it saves experiments: the real app as a child process receives large imports over
// HTTP, one after another, and dies at a seeded random moment; restarted on the same registry folder, the database passes
// SQLite's integrity check, every experiment is either all there (all its points) or absent, every import that was
// answered 201 is there, and an experiment saved before the first round is unchanged. Several rounds.
public sealed class ExperimentSaveFaultTests : IDisposable
{
    private const int Rounds = 4, PointsPerImport = 3000;

    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private string RegistryDirectory => _temp.File("registry");

    private Dictionary<string, string> Settings => new()
    {
        ["RobustLab__RegistryDirectory"] = RegistryDirectory,
        ["RobustLab__WarmUpOnStartup"] = "false",
        ["RobustLab__DownloadMnist"] = "false",
    };

    [Fact]
    public async Task Killing_the_server_during_experiment_imports_leaves_every_experiment_whole_or_absent()
    {
        string template = LargeExperiment();
        var rng = new Random(417);
        var acknowledged = new HashSet<string>(StringComparer.Ordinal);
        string? sentinelExport = null;
        long sentinelId = 0;
        TimeSpan sentinelTime = default;
        long? leftRunning = null;

        for (int round = 0; round <= Rounds; round++)
        {
            await using var server = await LabServer.StartAsync(Settings);
            using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
            var listed = await List(client);
            Check(listed, acknowledged, server.Log);
            if (leftRunning is { } left)
            {
                // The sweep "running" when the server died was marked interrupted by this start, its point kept.
                var row = listed.EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == left);
                Assert.Equal(ExperimentStatus.Interrupted, row.GetProperty("status").GetString());
                Assert.Equal(ExperimentStatus.InterruptedMessage, row.GetProperty("status_message").GetString());
                Assert.Equal(1, row.GetProperty("point_count").GetInt32());
            }
            if (sentinelExport is null)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var created = await Import(client, template, "sentinel", 0);
                sentinelTime = clock.Elapsed;
                Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
                sentinelId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
                sentinelExport = await client.GetStringAsync(ExperimentEndpoints.JsonPathOf(sentinelId));
            }
            else
            {
                // Saved before any kill: byte for byte the same export after every crash.
                Assert.Equal(sentinelExport, await client.GetStringAsync(ExperimentEndpoints.JsonPathOf(sentinelId)));
            }
            if (round == Rounds) break;

            // Imports one after another until the kill; which of them the kill cuts is up to the seeded delay.
            using var stop = new CancellationTokenSource();
            var firstAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var importing = Task.Run(async () =>
            {
                for (int k = 0; !stop.IsCancellationRequested; k++)
                {
                    string name = $"round {round} import {k}";
                    try
                    {
                        using var response = await Import(client, template, name, k);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            lock (acknowledged) acknowledged.Add(name);
                            firstAcknowledged.TrySetResult();
                        }
                        else Assert.Fail($"{name}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                    catch (HttpRequestException)
                    {
                        return; // the server died under this request
                    }
                }
            });
            // One import of the round is in for sure (so there is something to lose), then the kill at a seeded moment.
            await Task.WhenAny(firstAcknowledged.Task, importing).WaitAsync(TimeSpan.FromMinutes(2));
            await Task.Delay(rng.Next(0, 2500));
            server.Kill();
            stop.Cancel();
            await importing;
            Assert.Equal("ok", ExperimentLab.IntegrityCheck(Path.Combine(RegistryDirectory, ModelRegistry.DatabaseFile)));
            if (round == 0) leftRunning = LeaveRunning();
        }
        Assert.True(acknowledged.Count >= Rounds, $"only {acknowledged.Count} imports finished before the kills; one took {sentinelTime.TotalMilliseconds:F0} ms");
    }

    // A sweep that was running (one point recorded) when the server stopped: written as the server writes one.
    private long LeaveRunning()
    {
        var registry = new ModelRegistry(new ModelRegistrySettings(RegistryDirectory, Path.Combine(Cli.CliRunner.RepositoryRoot, "models"), 1 << 26),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ModelRegistry>.Instance);
        var store = new ExperimentStore(registry, Microsoft.Extensions.Options.Options.Create(new ExperimentOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ExperimentStore>.Instance);
        var run = store.BeginSweep(ExperimentLab.SmallSweep());
        run.Add(ExperimentSeries.SweepPoint, new Engine.Sweeps.SweepPoint("s", "eps", 0, 0, null, 32, 0.9f, 0.9f, null, null, null, null, null, null, null, 0.1, "lenet-like", null, "fgsm"));
        SqliteConnection.ClearAllPools();
        return run.Id;
    }

    // Every listed experiment has all the points its name promises; every acknowledged import is listed.
    private static void Check(JsonElement list, HashSet<string> acknowledged, string log)
    {
        var rows = list.EnumerateArray().Select(e => (Name: e.GetProperty("name").GetString()!, Points: e.GetProperty("point_count").GetInt32(),
            Status: e.GetProperty("status").GetString())).ToList();
        Assert.All(rows.Where(r => r.Name.Length > 0), r => Assert.True(r.Points == PointsPerImport && r.Status == ExperimentStatus.Completed, $"{r} is not whole.\n{log}"));
        lock (acknowledged)
            Assert.All(acknowledged, name => Assert.Contains(rows, r => r.Name == name));
        Assert.Equal(rows.Count, rows.Select(r => r.Name).Distinct().Count());
    }

    private static async Task<JsonElement> List(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync(ExperimentEndpoints.Base + "?limit=10000")).RootElement.Clone();

    private static Task<HttpResponseMessage> Import(HttpClient client, string template, string name, int k)
    {
        var document = JsonNode.Parse(template)!;
        document["name"] = name;
        document["note"] = $"import {k}";
        return client.PostAsync(ExperimentEndpoints.Base, new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json"));
    }

    // A valid export of a sweep with many points (a few MB): the store's own export of a recorded sweep, its points repeated.
    private static string LargeExperiment()
    {
        using var lab = new ExperimentLab();
        long id = lab.Record(ExperimentLab.SmallSweep(), 10);
        var document = JsonNode.Parse(lab.Store.ExportJson(id))!;
        var points = document["points"]!.AsArray();
        var recorded = points.Select(p => p!.ToJsonString()).ToArray();
        points.Clear();
        for (int i = 0; i < PointsPerImport; i++)
        {
            var point = JsonNode.Parse(recorded[i % recorded.Length])!;
            point["data"]!["index"] = i;
            points.Add(point);
        }
        string json = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        Assert.True(json.Length > 1_000_000, $"{json.Length} bytes");
        return json;
    }
}
