using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using RobustLab.Web.Services.Experiments;

namespace RobustLab.Tests.Web.Experiments;

// 1,000 malformed experiment files, each a seeded mutation of a valid export: truncations, wrong types, numbers beyond
// double, NaN, missing members, wrong format or version, deep nesting, bytes that are not JSON, values out of range.
// Every one is refused with a message, nothing is stored, and the database still passes SQLite's integrity check.
public sealed class ExperimentImportFuzzTests : IDisposable
{
    private const int Documents = 1000;

    private readonly ExperimentLab _lab = new();

    public void Dispose() => _lab.Dispose();

    [Fact]
    public async Task A_thousand_malformed_files_are_each_refused_with_a_message_and_the_database_stays_intact()
    {
        var store = _lab.Store;
        long id = _lab.Record(ExperimentLab.SmallSweep(), 5);
        string valid = store.ExportJson(id);
        Assert.Equal(2, (await store.ImportAsync(valid)).Id); // the base document itself is accepted
        int before = store.List().Count;

        var rng = new Random(20261122);
        var kinds = new Dictionary<string, int>();
        for (int i = 0; i < Documents; i++)
        {
            var (kind, bytes) = Mutate(valid, rng);
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            ExperimentImportException? e = null;
            try
            {
                var accepted = await store.ImportAsync(new MemoryStream(bytes));
                Assert.Fail($"{kind} #{i} was accepted as #{accepted.Id}:\n{Encoding.UTF8.GetString(bytes)}");
            }
            catch (ExperimentImportException refused)
            {
                e = refused;
            }
            Assert.True(e.Message.StartsWith("Import refused: ", StringComparison.Ordinal) && e.Message.Length > 30, $"{kind} #{i}: {e.Message}");
        }
        Assert.Equal(before, store.List().Count);
        Assert.Equal(0L, Count("SELECT COUNT(*) FROM experiment_points WHERE experiment_id > 2;"));
        Assert.Equal("ok", ExperimentLab.IntegrityCheck(_lab.DatabasePath));
        Assert.All(Mutations, m => Assert.True(kinds.GetValueOrDefault(m) > 20, $"{m}: {kinds.GetValueOrDefault(m)} documents"));
    }

    private static readonly HashSet<string> OptionalPointMembers = ["zero_gradient_fraction", "mean_queries", "median_queries"];

    private static readonly string[] Mutations =
        ["truncated", "wrong-type", "huge-number", "nan", "missing-member", "format", "version", "deep-nesting", "not-json", "out-of-range"];

    // One malformed document: the mutation's name and the bytes.
    private static (string Kind, byte[] Bytes) Mutate(string valid, Random rng)
    {
        string kind = Mutations[rng.Next(Mutations.Length)];
        var root = JsonNode.Parse(valid)!;
        switch (kind)
        {
            case "truncated":
                return (kind, Encoding.UTF8.GetBytes(valid[..rng.Next(valid.Length - 1)]));
            case "not-json":
                var noise = new byte[rng.Next(16, 2048)];
                rng.NextBytes(noise);
                noise[0] = (byte)"\u0001x<%\u00ff"[rng.Next(5)]; // never a JSON value's first byte
                return (kind, noise);
            case "format":
                root["format"] = rng.Next(3) switch { 0 => "robustlab-sweep", 1 => "", _ => "ROBUSTLAB-EXPERIMENT" };
                break;
            case "version":
                root["version"] = rng.Next(4) switch { 0 => 2, 1 => 0, 2 => -1, _ => JsonValue.Create("1") };
                break;
            case "huge-number":
            {
                var (parent, key, _) = Pick(root, rng);
                string text = rng.Next(2) == 0 ? "1e400" : "-9" + new string('9', 400);
                return (kind, Encoding.UTF8.GetBytes(Replace(root, parent, key, "\"__HUGE__\"").Replace("\"__HUGE__\"", text)));
            }
            case "nan":
            {
                var (parent, key, _) = Pick(root, rng);
                string literal = new[] { "NaN", "Infinity", "-Infinity", "nan" }[rng.Next(4)];
                return (kind, Encoding.UTF8.GetBytes(Replace(root, parent, key, "\"__NAN__\"").Replace("\"__NAN__\"", literal)));
            }
            case "deep-nesting":
            {
                var (parent, key, _) = Pick(root, rng);
                int depth = rng.Next(40, 5000);
                return (kind, Encoding.UTF8.GetBytes(Replace(root, parent, key, "\"__DEEP__\"").Replace("\"__DEEP__\"", new string('[', depth) + new string(']', depth))));
            }
            case "wrong-type":
            {
                var (parent, key, value) = Pick(root, rng);
                Set(parent, key, WrongType(value, rng));
                break;
            }
            case "missing-member":
            {
                // Members every file must have: the document's, its timing's, a model's, a point's and a point's measurements.
                var point = root["points"]![rng.Next(root["points"]!.AsArray().Count)]!;
                var owners = new[] { root, root["timing"]!, root["models"]![0]!, point, point["data"]! };
                var owner = owners[rng.Next(owners.Length)].AsObject();
                // Measurements added after version 1 shipped are optional: files exported before them must still import.
                var required = owner.Select(p => p.Key).Where(k => !OptionalPointMembers.Contains(k)).ToList();
                owner.Remove(required[rng.Next(required.Count)]);
                break;
            }
            case "out-of-range":
            {
                var data = root["points"]![rng.Next(root["points"]!.AsArray().Count)]!["data"]!;
                switch (rng.Next(6))
                {
                    case 0: data["clean_accuracy"] = 1 + rng.NextDouble(); break;
                    case 1: data["adversarial_accuracy"] = -rng.NextDouble() - 1e-3; break;
                    case 2: data["examples"] = -rng.Next(1, 100); break;
                    case 3: root["kind"] = "sweeps"; break;
                    case 4: root["models"]![0]!["sha256"] = new string('g', 64); break;
                    default: root["timing"]!["ended_utc"] = "2000-01-01T00:00:00Z"; break;
                }
                break;
            }
        }
        return (kind, Encoding.UTF8.GetBytes(root.ToJsonString()));
    }

    // A random value anywhere in the document (not the format/version members, whose own mutations test them).
    private static (JsonNode Parent, object Key, JsonNode? Value) Pick(JsonNode root, Random rng)
    {
        var all = new List<(JsonNode, object, JsonNode?)>();
        void Walk(JsonNode node)
        {
            if (node is JsonObject o)
                foreach (var (k, v) in o.ToArray())
                {
                    if (node == root && k is "format" or "version") continue;
                    all.Add((node, k, v));
                    if (v is not null) Walk(v);
                }
            else if (node is JsonArray a)
                for (int i = 0; i < a.Count; i++)
                {
                    all.Add((node, i, a[i]));
                    if (a[i] is { } v) Walk(v);
                }
        }
        Walk(root);
        return all[rng.Next(all.Count)];
    }

    // A value of another JSON type than the one there; a null becomes a bool, an object or an array (a null member may
    // well be allowed to hold a string or a number).
    private static JsonNode? WrongType(JsonNode? value, Random rng)
    {
        var kind = value?.GetValueKind();
        var choices = new List<Func<JsonNode?>>();
        if (kind is not System.Text.Json.JsonValueKind.String and not null) choices.Add(() => JsonValue.Create("wrong"));
        if (kind is not System.Text.Json.JsonValueKind.Number and not null) choices.Add(() => JsonValue.Create(12345));
        if (kind is not System.Text.Json.JsonValueKind.True and not System.Text.Json.JsonValueKind.False) choices.Add(() => JsonValue.Create(true));
        if (kind is not System.Text.Json.JsonValueKind.Object) choices.Add(() => new JsonObject { ["unexpected"] = 1 });
        if (kind is not System.Text.Json.JsonValueKind.Array) choices.Add(() => new JsonArray(1, 2));
        return choices[rng.Next(choices.Count)]();
    }

    private static void Set(JsonNode parent, object key, JsonNode? value)
    {
        if (key is string name) parent[name] = value;
        else parent[(int)key] = value;
    }

    private static string Replace(JsonNode root, JsonNode parent, object key, string marker)
    {
        Set(parent, key, JsonValue.Create(marker.Trim('"')));
        return root.ToJsonString();
    }

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_lab.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
