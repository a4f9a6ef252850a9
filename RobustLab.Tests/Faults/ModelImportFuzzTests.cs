using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RobustLab.Engine.Models;
using RobustLab.Tests.Web;
using RobustLab.Web.Services.Registry;

namespace RobustLab.Tests.Faults;

/// <summary>The app in memory with a 1 MiB import limit (a lenet-like file is 0.2 MB), for the import endpoint's fault tests.</summary>
public sealed class ImportLabFactory() : StartPageFactory(withModel: true, withData: true)
{
    public const long Limit = 1 << 20;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RobustLab:MaxModelFileBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
    }
}

// Issue 5: 1,000 malformed inputs to POST /api/models/{name} → each refused with a status and a message, no crash,
// nobody else affected. Seeded (the same 1,000 every run), sent through the app's whole HTTP pipeline in memory, four at a
// time, while another user keeps downloading and loading a registered model; afterwards the registry is exactly as
// before (no row, no file, no temporary file) and a valid upload still goes through.
public sealed class ModelImportFuzzTests(ImportLabFactory factory) : IClassFixture<ImportLabFactory>
{
    public const int Count = 1000;

    /// <summary>Names the endpoint must refuse: invalid (400) or taken (409, when the file is fine).</summary>
    public static string BadName(Random rng) => rng.Next(12) switch
    {
        0 => new string('a', rng.Next(ModelName.MaxLength + 1, 300)),
        1 => "a/b",
        2 => "..x",
        3 => "x.",
        4 => "-lead",
        5 => "sp ace",
        6 => "ünïcode",
        7 => "ctl\u0001\u007f",
        8 => "a..b",
        9 => "lenet-like",                         // a built-in
        10 => "bystander",                         // registered, and no ?replace=true
        _ => new string(Enumerable.Range(0, rng.Next(1, 20)).Select(_ => (char)rng.Next(0x21, 0x3000)).ToArray()) + "%",
    };

    /// <summary>One malformed request to the import endpoint and the statuses that may answer it.</summary>
    public sealed record Case(string Name, byte[] Body, bool Chunked, string Query, string Kind, HttpStatusCode[] Expected)
    {
        public string Path => $"/api/models/{Uri.EscapeDataString(Name)}{Query}";

        public HttpContent Content()
        {
            HttpContent content = Chunked ? new StreamContent(new RobustLab.Tests.Serialization.NonSeekableStream(new MemoryStream(Body))) : new ByteArrayContent(Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return content;
        }
    }

    /// <summary>
    /// <paramref name="count"/> seeded malformed requests: every way <see cref="MalformedModelFiles"/> breaks a file, bad
    /// and taken names, files over <paramref name="limit"/> (with and without a Content-Length) and a bad replace parameter.
    /// </summary>
    public static List<Case> Cases(int seed, int count, long limit)
    {
        var rng = new Random(seed);
        var files = new MalformedModelFiles(seed);
        var cases = new List<Case>();
        for (int i = 0; i < count; i++)
        {
            int kind = i % (MalformedModelFiles.Kinds + 3);
            if (kind < MalformedModelFiles.Kinds)
            {
                var (content, what) = files.Next(kind);
                cases.Add(new($"fuzz-{i}", content, false, "", what, [HttpStatusCode.BadRequest]));
            }
            else if (kind == MalformedModelFiles.Kinds)
            {
                var name = BadName(rng);
                cases.Add(new(name, MalformedModelFiles.Valid, false, "", $"name '{name}'", [HttpStatusCode.BadRequest, HttpStatusCode.Conflict]));
            }
            else if (kind == MalformedModelFiles.Kinds + 1)
            {
                var big = new byte[limit + rng.Next(1, 65536)];
                rng.NextBytes(big.AsSpan(0, 64));
                // Half with a Content-Length, half streamed (chunked) so that only counting the bytes can catch it.
                cases.Add(new($"fuzz-{i}", big, rng.Next(2) == 0, "", "too large", [HttpStatusCode.RequestEntityTooLarge]));
            }
            else
            {
                var value = new[] { "yes", "2", "", "TRUE!", "null", "true&replace=false" }[rng.Next(6)];
                cases.Add(new($"fuzz-{i}", MalformedModelFiles.Valid, false, "?replace=" + Uri.EscapeDataString(value).Replace("%26replace%3D", "&replace="),
                    "replace parameter", [HttpStatusCode.BadRequest]));
            }
        }
        return cases;
    }

    /// <summary>Null when <paramref name="response"/> refuses <paramref name="c"/> as it should (status and a "detail"); else what went wrong.</summary>
    public static async Task<string?> CheckAsync(Case c, HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        string? detail = null;
        try
        {
            detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
        }
        return c.Expected.Contains(response.StatusCode) && !string.IsNullOrWhiteSpace(detail) ? null : $"{c.Kind}: {(int)response.StatusCode} {body}";
    }

    [Fact]
    public async Task A_thousand_malformed_uploads_are_each_refused_with_a_message_and_nothing_else_is_affected()
    {
        var registry = factory.Services.GetRequiredService<ModelRegistry>();
        registry.Register("bystander", ModelZoo.Create(ModelZoo.LeNetLike, seed: 4));
        var (before, models) = (Files(registry), registry.List().Select(m => m.Name).ToArray());
        using var client = factory.CreateClient();
        var cases = Cases(seed: 20261122, Count, ImportLabFactory.Limit);

        // Another user, meanwhile: downloads and loads the registered model over and over; none of that may fail.
        using var stop = new CancellationTokenSource();
        int othersServed = 0;
        var other = Task.Run(async () =>
        {
            using var client2 = factory.CreateClient();
            while (!stop.IsCancellationRequested)
            {
                var download = await client2.GetAsync(ModelDownloads.PathOf("bystander"));
                Assert.Equal(HttpStatusCode.OK, download.StatusCode);
                Assert.Equal(ModelZoo.LeNetLike, registry.Load("bystander").Architecture);
                Interlocked.Increment(ref othersServed);
            }
        });

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var kinds = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (c, ct) =>
        {
            using var response = await client.PostAsync(c.Path, c.Content(), ct);
            if (await CheckAsync(c, response, ct) is { } failure) failures.Add(failure);
            kinds.AddOrUpdate(c.Kind.StartsWith("name", StringComparison.Ordinal) ? "name" : c.Kind, 1, (_, n) => n + 1);
        });
        stop.Cancel();
        await other;

        Assert.True(failures.IsEmpty, $"{failures.Count} of {Count} were not refused with a message:\n{string.Join("\n", failures.Take(20))}");
        Assert.True(othersServed > 0);
        Assert.Equal(13, kinds.Count); // every kind of damage was tried
        Assert.Equal(models, registry.List().Select(m => m.Name));
        Assert.Empty(registry.Damaged());
        Assert.Equal(before, Files(registry)); // no file left behind, temporary or not

        using var good = new ByteArrayContent(MalformedModelFiles.Valid);
        var created = await client.PostAsync("/api/models/after-the-storm", good);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(ModelZoo.LeNetLike, registry.Load("after-the-storm").Architecture);
    }

    [Fact]
    public async Task Import_answers_created_then_conflict_then_replaced_with_clear_messages()
    {
        using var client = factory.CreateClient();
        var first = await client.PostAsync("/api/models/scripted", new ByteArrayContent(MalformedModelFiles.Valid));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("/models/scripted/download", first.Headers.Location?.ToString());
        var created = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("scripted", "lenet-like", false), (created.GetProperty("name").GetString(), created.GetProperty("architecture").GetString(), created.GetProperty("replaced").GetBoolean()));

        var again = await client.PostAsync("/api/models/scripted", new ByteArrayContent(MalformedModelFiles.Valid));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already registered; choose another name or delete that one first. To upload a new version, add ?replace=true.", await again.Content.ReadAsStringAsync());

        var replaced = await client.PostAsync("/api/models/scripted?replace=true", new ByteArrayContent(MalformedModelFiles.Valid));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.True(JsonDocument.Parse(await replaced.Content.ReadAsStringAsync()).RootElement.GetProperty("replaced").GetBoolean());

        var tooLarge = await client.PostAsync("/api/models/big", new ByteArrayContent(new byte[ImportLabFactory.Limit + 1]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("RobustLab:MaxModelFileBytes", await tooLarge.Content.ReadAsStringAsync());

        var broken = await client.PostAsync("/api/models/broken", new ByteArrayContent(MalformedModelFiles.Valid[..1000]));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("the upload for 'broken' is not a model file RobustLab can load", await broken.Content.ReadAsStringAsync());
    }

    private static string[] Files(ModelRegistry registry) => Directory.GetFiles(registry.Settings.Directory).Select(f => Path.GetFileName(f)!)
        .Where(f => !f.StartsWith(ModelRegistry.DatabaseFile, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
}
