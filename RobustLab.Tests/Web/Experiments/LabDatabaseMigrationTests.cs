using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;
using RobustLab.Web.Services.Database;
using RobustLab.Web.Services.Experiments;
using RobustLab.Web.Services.Registry;

namespace RobustLab.Tests.Web.Experiments;

// The lab database's schema as an ordered list of migrations: a v1 file (the registry as first released) upgrades in one
// transaction and keeps its models; a file from a newer RobustLab is refused with a clear message and left untouched.
public sealed class LabDatabaseMigrationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public LabDatabaseMigrationTests() => Directory.CreateDirectory(Folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private string Folder => _temp.File("registry");
    private string DatabasePath => Path.Combine(Folder, ModelRegistry.DatabaseFile);

    private ModelRegistry Registry() =>
        new(new ModelRegistrySettings(Folder, _temp.File("models"), 1 << 22), NullLogger<ModelRegistry>.Instance);

    [Fact]
    public void The_migrations_are_numbered_one_by_one_and_v1_is_the_first_registry_schema()
    {
        Assert.Equal(Enumerable.Range(1, LabMigrations.All.Count), LabMigrations.All.Select(m => m.Version));
        Assert.Equal(2, LabMigrations.Latest);
        Assert.Contains("CREATE TABLE models", LabMigrations.All[0].Sql);
        Assert.Contains("CREATE TABLE experiments", LabMigrations.All[1].Sql);
    }

    [Fact]
    public void A_v1_database_upgrades_to_v2_and_keeps_its_models()
    {
        // A v1 registry exactly as the first release wrote it: its DDL, one model file and its row.
        LabDatabase.Migrate(DatabasePath, [LabMigrations.All[0]]);
        Assert.Equal([1L], Versions());
        Assert.False(TableExists("experiments"));
        const string file = "kept-model.0123456789abcdef0123456789abcdef.safetensors";
        ModelFile.Save(ModelZoo.Create(ModelZoo.LeNetLike, seed: 3), Path.Combine(Folder, file), new Dictionary<string, string> { ["seed"] = "3" });
        string sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(Folder, file))));
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO models (name, file, architecture, source, sha256, size_bytes, created_utc, metadata_json)
                VALUES ('kept-model', $file, 'lenet-like', 'Trained', $sha, $size, '2026-01-02T03:04:05.0000000Z', '{"seed":"3"}');
                """;
            insert.Parameters.AddWithValue("$file", file);
            insert.Parameters.AddWithValue("$sha", sha256);
            insert.Parameters.AddWithValue("$size", new FileInfo(Path.Combine(Folder, file)).Length);
            insert.ExecuteNonQuery();
        }

        // The current code opens it: one upgrade to v2, the model still there and loadable, experiments usable.
        Assert.Equal(1, LabDatabase.Migrate(DatabasePath));
        Assert.Equal([1L, 2L], Versions());
        var registry = Registry();
        var model = Assert.Single(registry.List(), m => m.Name == "kept-model");
        Assert.Equal(sha256, model.Sha256);
        Assert.NotNull(registry.Load("kept-model"));
        var store = new ExperimentStore(registry, Microsoft.Extensions.Options.Options.Create(new ExperimentOptions()), NullLogger<ExperimentStore>.Instance);
        Assert.Empty(store.List());
        Assert.Equal("ok", ExperimentLab.IntegrityCheck(DatabasePath));
        // Opening again changes nothing.
        Assert.Equal(2, LabDatabase.Migrate(DatabasePath));
        Assert.Equal([1L, 2L], Versions());
    }

    [Fact]
    public void A_failing_upgrade_step_leaves_the_database_at_its_old_version()
    {
        LabDatabase.Migrate(DatabasePath, [LabMigrations.All[0]]);
        var broken = new Migration(2, "broken", "CREATE TABLE fine (x INTEGER); CREATE TABLE models (x INTEGER);"); // models exists: fails
        var e = Assert.Throws<LabDatabaseException>(() => LabDatabase.Migrate(DatabasePath, [LabMigrations.All[0], broken]));
        Assert.Contains("to schema version 2 (broken) failed", e.Message);
        Assert.Contains("left at version 1", e.Message);
        Assert.Equal([1L], Versions());
        Assert.False(TableExists("fine")); // the step's first statement was rolled back with it
    }

    [Fact]
    public void A_database_from_a_newer_version_is_refused_by_the_registry_and_the_experiments()
    {
        LabDatabase.Migrate(DatabasePath);
        using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version) VALUES (7);";
            command.ExecuteNonQuery();
        }
        var e = Assert.Throws<RegistryException>(() => Registry().List());
        Assert.Contains("schema version 7", e.Message);
        Assert.Contains("reads versions up to 2", e.Message);
        var store = new ExperimentStore(Registry(), Microsoft.Extensions.Options.Options.Create(new ExperimentOptions()), NullLogger<ExperimentStore>.Instance);
        var refused = Assert.Throws<ExperimentException>(() => store.List());
        Assert.Contains("schema version 7", refused.Message);
        Assert.Equal([1L, 2L, 7L], Versions()); // untouched
    }

    private List<long> Versions()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_version ORDER BY version;";
        using var reader = command.ExecuteReader();
        var versions = new List<long>();
        while (reader.Read()) versions.Add(reader.GetInt64(0));
        return versions;
    }

    private bool TableExists(string name)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name;";
        command.Parameters.AddWithValue("$name", name);
        return (long)command.ExecuteScalar()! == 1;
    }
}
