using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;
using RobustLab.Web.Services.Registry;

namespace RobustLab.Tests.Web.Registry;

// The model registry on a temporary folder: built-ins are listed and read-only; register, import, list, load,
// export and delete; malformed and oversized imports are refused with clear messages; a failed or crashed
// registration leaves no row and, after the next start, no file.
public sealed class ModelRegistryTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public ModelRegistryTests()
    {
        Directory.CreateDirectory(BuiltIns);
        ModelFile.Save(ModelZoo.Create(ModelZoo.LeNetLike, seed: 1), Path.Combine(BuiltIns, "lenet-like.safetensors"),
            new Dictionary<string, string> { ["dataset"] = "mnist" });
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools(); // pooled connections keep the database open
        _temp.Dispose();
    }

    private string BuiltIns => _temp.File("models");

    private string Folder => _temp.File("registry");

    private ModelRegistry Registry(long maxImportBytes = 1 << 20) =>
        new(new ModelRegistrySettings(Folder, BuiltIns, maxImportBytes), NullLogger<ModelRegistry>.Instance);

    private static Network Net(int seed = 5) => ModelZoo.Create(ModelZoo.LeNetLike, seed);

    private string[] FolderFiles() => !Directory.Exists(Folder) ? [] : Directory.GetFiles(Folder).Select(f => Path.GetFileName(f))
        .Where(f => !f.StartsWith(ModelRegistry.DatabaseFile, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void Built_ins_are_listed_and_cannot_be_deleted_or_shadowed()
    {
        var registry = Registry();
        var builtIn = Assert.Single(registry.List());
        Assert.Equal(("lenet-like", "lenet-like", ModelSource.BuiltIn), (builtIn.Name, builtIn.Architecture, builtIn.Source));
        Assert.True(builtIn.IsBuiltIn);
        Assert.Equal("mnist", builtIn.Metadata["dataset"]);
        Assert.Equal(Sha256(builtIn.FilePath), builtIn.Sha256);

        Assert.Contains("built-in", Assert.Throws<RegistryException>(() => registry.Delete("lenet-like")).Message);
        Assert.Contains("built-in", Assert.Throws<RegistryException>(() => registry.Register("LeNet-Like", Net())).Message);
        Assert.True(File.Exists(builtIn.FilePath));
    }

    [Fact]
    public void Registers_a_network_loads_it_back_and_keeps_it_across_restarts()
    {
        var net = Net();
        var model = Registry().Register("my-net_1.0", net, new Dictionary<string, string> { ["epochs"] = "2" });
        Assert.Equal(ModelSource.Trained, model.Source);
        Assert.Equal(Folder, Path.GetDirectoryName(model.FilePath));
        Assert.Equal(Sha256(model.FilePath), model.Sha256);
        Assert.Equal(new FileInfo(model.FilePath).Length, model.SizeBytes);
        Assert.Equal("2", model.Metadata["epochs"]);

        var reopened = Registry(); // a new start: the schema exists, the row is there
        Assert.Equal(["lenet-like", "my-net_1.0"], reopened.List().Select(m => m.Name));
        var loaded = reopened.Load("MY-NET_1.0").Instantiate(); // names are case-insensitive
        Assert.Equal(net.StateDict()["fc3.weight"].Data, loaded.StateDict()["fc3.weight"].Data);
        Assert.Same(reopened.Load("my-net_1.0"), reopened.Load("my-net_1.0")); // weights are loaded once
    }

    [Theory]
    [InlineData("", "Give the model a name.")]
    [InlineData("a/b", "not a valid name")]
    [InlineData("../escape", "not a valid name")]
    [InlineData("-dash-first", "not a valid name")]
    [InlineData("a..b", "no '..'")]
    [InlineData("trailing.", "no '..'")]
    [InlineData("with space", "not a valid name")]
    [InlineData("ünïcode", "not a valid name")]
    public void Refuses_invalid_names(string name, string message)
    {
        var registry = Registry();
        Assert.Contains(message, Assert.Throws<RegistryException>(() => registry.Register(name, Net())).Message);
        Assert.Empty(FolderFiles());
    }

    [Fact]
    public void Refuses_a_name_too_long_and_a_name_taken()
    {
        var registry = Registry();
        Assert.Contains("at most 64", Assert.Throws<RegistryException>(() => registry.Register(new string('a', 65), Net())).Message);
        registry.Register("taken", Net());
        Assert.Contains("already registered", Assert.Throws<RegistryException>(() => registry.Register("TAKEN", Net())).Message);
        Assert.Single(FolderFiles());
    }

    [Fact]
    public void Of_two_registrations_racing_for_one_name_exactly_one_wins()
    {
        var registry = Registry();
        var outcomes = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4)
            .Select(i => { try { registry.Register("race", Net(i)); return "ok"; } catch (RegistryException) { return "refused"; } })
            .ToList();
        Assert.Equal(1, outcomes.Count(o => o == "ok"));
        Assert.Single(FolderFiles()); // the losers' files are gone
    }

    [Fact]
    public void A_network_that_cannot_be_saved_leaves_nothing_behind()
    {
        var net = Net();
        net.NamedParameters().Single(p => p.Name == "fc1.bias").Parameter.Value.Data[3] = float.NaN;
        var registry = Registry();
        var e = Assert.Throws<RegistryException>(() => registry.Register("diverged", net));
        Assert.Contains("NaN", e.Message);
        Assert.Null(registry.Find("diverged"));
        Assert.Empty(FolderFiles());
    }

    [Fact]
    public void Files_of_a_registration_that_crashed_are_removed_on_the_next_start()
    {
        var registry = Registry();
        var kept = registry.Register("kept", Net());
        File.WriteAllBytes(Path.Combine(Folder, "lost.0123456789abcdef.safetensors"), File.ReadAllBytes(kept.FilePath)); // saved, never inserted
        File.WriteAllText(Path.Combine(Folder, ".import-abc.tmp"), "half an upload");
        File.WriteAllText(Path.Combine(Folder, "notes.txt"), "not ours");

        var restarted = Registry();
        Assert.Equal(["lenet-like", "kept"], restarted.List().Select(m => m.Name));
        Assert.Equal([Path.GetFileName(kept.FilePath), "notes.txt"], FolderFiles());
    }

    [Fact]
    public async Task Imports_a_valid_safetensors_file()
    {
        var upload = _temp.File("upload.safetensors");
        ModelFile.Save(ModelZoo.Create(ModelZoo.BorjiMnist, seed: 3), upload);
        var registry = Registry();
        await using var stream = File.OpenRead(upload);
        var model = await registry.ImportAsync("from-pytorch", stream, "upload.safetensors");
        Assert.Equal((ModelSource.Imported, ModelZoo.BorjiMnist), (model.Source, model.Architecture));
        Assert.Equal(Sha256(upload), model.Sha256); // stored byte for byte
        Assert.Equal(ModelZoo.BorjiMnist, registry.Load("from-pytorch").Architecture);
    }

    public static TheoryData<string, byte[], string> Malformed()
    {
        var valid = new MemoryStream();
        SafeTensors.Write(valid, ModelZoo.Create(ModelZoo.LeNetLike).StateDict(), new Dictionary<string, string> { ["architecture"] = "lenet-like" });
        var bytes = valid.ToArray();
        var noArchitecture = new MemoryStream();
        SafeTensors.Write(noArchitecture, ModelZoo.Create(ModelZoo.LeNetLike).StateDict());
        var wrongShapes = new MemoryStream();
        SafeTensors.Write(wrongShapes, ModelZoo.Create(ModelZoo.BorjiMnist).StateDict(), new Dictionary<string, string> { ["architecture"] = "lenet-like" });
        return new()
        {
            { "text.safetensors", "hello, I am not a model"u8.ToArray(), "header length" },
            { "tiny.safetensors", [1, 2, 3], "fewer than the 8-byte header" },
            { "truncated.safetensors", bytes[..(bytes.Length - 100)], "truncated" },
            { "anonymous.safetensors", noArchitecture.ToArray(), "no 'architecture' metadata" },
            { "mislabelled.safetensors", wrongShapes.ToArray(), "weights are missing fc3.weight" },
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Refuses_a_malformed_file_with_a_message_that_names_it(string fileName, byte[] content, string reason)
    {
        var registry = Registry();
        var e = await Assert.ThrowsAsync<RegistryException>(() => registry.ImportAsync("bad", new MemoryStream(content), fileName));
        Assert.StartsWith($"{fileName} is not a model file RobustLab can load: ", e.Message);
        Assert.Contains(reason, e.Message);
        Assert.DoesNotContain(".tmp", e.Message); // the temporary file's name stays out of it
        Assert.Null(registry.Find("bad"));
        Assert.Empty(FolderFiles());
    }

    [Fact]
    public async Task Refuses_a_file_over_the_size_limit_whether_or_not_its_length_is_known()
    {
        var registry = Registry(maxImportBytes: 1000);
        var big = new byte[5000];
        var known = await Assert.ThrowsAsync<RegistryException>(() => registry.ImportAsync("big", new MemoryStream(big), "big.safetensors"));
        Assert.Contains("larger than the import limit", known.Message);
        var unknown = await Assert.ThrowsAsync<RegistryException>(() => registry.ImportAsync("big", new RobustLab.Tests.Serialization.NonSeekableStream(new MemoryStream(big)), "big.safetensors"));
        Assert.Contains("at least", unknown.Message);
        Assert.Contains("RobustLab:MaxModelFileBytes", unknown.Message);
        Assert.Empty(FolderFiles());
    }

    [Fact]
    public void Deletes_a_registered_model_row_and_file()
    {
        var registry = Registry();
        int changes = 0;
        registry.Changed += () => changes++;
        var model = registry.Register("doomed", Net());
        registry.Delete("Doomed");
        Assert.Null(registry.Find("doomed"));
        Assert.False(File.Exists(model.FilePath));
        Assert.Equal(2, changes);
        Assert.Contains("no model called", Assert.Throws<RegistryException>(() => registry.Delete("doomed")).Message);
        Assert.Contains("no model called", Assert.Throws<RegistryException>(() => registry.Load("doomed")).Message);
    }

    [Fact]
    public void The_database_has_a_version_table_and_runs_in_wal_mode()
    {
        Registry().Register("one", Net());
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Folder, ModelRegistry.DatabaseFile)}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "SELECT version FROM schema_version;";
        Assert.Equal(1L, command.ExecuteScalar());
    }

    [Fact]
    public void A_database_from_a_newer_schema_is_refused_clearly()
    {
        Registry().List();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(Folder, ModelRegistry.DatabaseFile)}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version) VALUES (99);";
            command.ExecuteNonQuery();
        }
        var e = Assert.Throws<RegistryException>(() => Registry().List());
        Assert.Contains("schema version 99", e.Message);
    }
}
