using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RobustLab.Web.Services.Experiments;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Tests.Web.Experiments;

// /api/experiments over HTTP on the in-memory app: the list with its filters, the JSON and CSV exports, and imports that
// are accepted (201, a new id), malformed (400 with the defect) or too large (413).
public sealed class ExperimentEndpointTests(TinyLabFactory factory) : IClassFixture<TinyLabFactory>
{
    private ExperimentStore Store => factory.Services.GetRequiredService<ExperimentStore>();

    private long Record(string attack)
    {
        var run = Store.BeginSweep(new TradeoffsState { Model = "lenet-like", Attack = attack, ValuesMode = ValuesMode.List, ValuesText = "0, 0.1", Examples = 8 });
        run.Add(ExperimentSeries.SweepPoint, new Engine.Sweeps.SweepPoint("s", "eps", 0, 0, null, 8, 0.5f, 0.5f, null, null, null, null, null, null, null, 0.1, "lenet-like", null, attack));
        run.Finish();
        return run.Id;
    }

    [Fact]
    public async Task The_list_and_the_exports_answer_and_an_import_comes_back_under_a_new_id()
    {
        long fgsm = Record("fgsm"), bim = Record("bim");
        using var client = factory.CreateClient();

        using var all = JsonDocument.Parse(await client.GetStringAsync(ExperimentEndpoints.Base + "?order=asc&limit=10000"));
        var ids = all.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.True(ids.IndexOf(fgsm) < ids.IndexOf(bim));
        var row = all.RootElement.EnumerateArray().First(e => e.GetProperty("id").GetInt64() == bim);
        Assert.Equal(("sweep", "completed", 1), (row.GetProperty("kind").GetString(), row.GetProperty("status").GetString(), row.GetProperty("point_count").GetInt32()));
        Assert.Equal("lenet-like", row.GetProperty("models")[0].GetString());
        using var filtered = JsonDocument.Parse(await client.GetStringAsync(ExperimentEndpoints.Base + "?attack=bim&sort=attack"));
        Assert.All(filtered.RootElement.EnumerateArray(), e => Assert.StartsWith("bim", e.GetProperty("attack").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(ExperimentEndpoints.Base + "?sort=sideways")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(ExperimentEndpoints.Base + "?status=finished")).StatusCode);

        var json = await client.GetAsync(ExperimentEndpoints.JsonPathOf(bim));
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal($"robustlab-experiment-{bim}-sweep.json", json.Content.Headers.ContentDisposition?.FileName);
        string exported = await json.Content.ReadAsStringAsync();
        Assert.Equal(Store.ExportJson(bim), exported);
        var csv = await client.GetAsync(ExperimentEndpoints.CsvPathOf(bim));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(ExperimentEndpoints.JsonPathOf(987654))).StatusCode);

        var created = await client.PostAsync(ExperimentEndpoints.Base, new StringContent(exported, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        long id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.NotEqual(bim, id);
        Assert.Equal(created.Headers.Location?.ToString(), ExperimentEndpoints.JsonPathOf(id));
        Assert.Equal(Store.Get(bim).SweepPoints, Store.Get(id).SweepPoints);
    }

    [Fact]
    public async Task A_damaged_experiment_answers_with_its_message_and_the_rest_still_answer()
    {
        long good = Record("fgsm"), bad = Record("pgd");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Store.DatabasePath}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE experiments SET models_json = 'not json' WHERE id = {bad};";
            Assert.Equal(1, command.ExecuteNonQuery());
        }
        using var client = factory.CreateClient();
        var damaged = await client.GetAsync(ExperimentEndpoints.JsonPathOf(bad));
        Assert.Equal(HttpStatusCode.InternalServerError, damaged.StatusCode);
        Assert.Contains($"Experiment #{bad} cannot be opened: its model list (models_json) is not valid", await damaged.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ExperimentEndpoints.JsonPathOf(good))).StatusCode);
        Assert.Contains($"\"id\":{bad},", await client.GetStringAsync(ExperimentEndpoints.Base + "?limit=10000"));
    }

    [Fact]
    public async Task Bad_and_oversized_imports_are_refused_with_a_message()
    {
        using var client = factory.CreateClient();
        int before = Store.List(ExperimentQuery.All with { Limit = ExperimentQuery.MaxLimit }).Count;

        var bad = await client.PostAsync(ExperimentEndpoints.Base, new StringContent("{\"format\": \"robustlab-experiment\", \"version\": 9}"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("format version 9", await bad.Content.ReadAsStringAsync());

        var notJson = await client.PostAsync(ExperimentEndpoints.Base, new ByteArrayContent([0xff, 0xfe, 0x00, 0x42]));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Contains("not valid JSON", await notJson.Content.ReadAsStringAsync());

        long limit = Store.Options.MaxImportBytes;
        var large = await client.PostAsync(ExperimentEndpoints.Base, new ByteArrayContent(new byte[limit + 1]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Contains("larger than the limit", await large.Content.ReadAsStringAsync());
        Assert.Equal(before, Store.List(ExperimentQuery.All with { Limit = ExperimentQuery.MaxLimit }).Count);
    }
}
