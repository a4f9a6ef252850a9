using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;
using RobustLab.Web.Services.Registry;

namespace RobustLab.Tests.Faults;

/// <summary>
/// A model registry on a temporary folder for fault tests, with a built-in lenet-like, plus the tools to damage it
/// the way a disk, an editor or a crash would: SQL on its database, bytes of its files. Reusable by any fault test.
/// </summary>
internal sealed class RegistryFolder : IDisposable
{
    private readonly TempDirectory _temp = new();

    public RegistryFolder(long maxImportBytes = 64L << 20)
    {
        MaxImportBytes = maxImportBytes;
        Directory.CreateDirectory(BuiltIns);
        ModelFile.Save(ModelZoo.Create(ModelZoo.LeNetLike, seed: 1), Path.Combine(BuiltIns, "lenet-like.safetensors"),
            new Dictionary<string, string> { ["dataset"] = "mnist" });
    }

    public long MaxImportBytes { get; }

    public string BuiltIns => _temp.File("models");

    public string Folder => _temp.File("registry");

    public string Database => Path.Combine(Folder, ModelRegistry.DatabaseFile);

    /// <summary>A registry on the folder, as a fresh start of the app would open it.</summary>
    public ModelRegistry Open() => new(new ModelRegistrySettings(Folder, BuiltIns, MaxImportBytes), NullLogger<ModelRegistry>.Instance);

    /// <summary>Runs <paramref name="sql"/> on the registry's database (a damaged row, say); returns the rows changed.</summary>
    /// <remarks>CHECK constraints are off, as they are for whatever damages a file from outside SQLite.</remarks>
    public int Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA ignore_check_constraints = ON;";
            pragma.ExecuteNonQuery();
        }
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    /// <summary>The model files in the registry folder (no database files), sorted.</summary>
    public string[] ModelFiles() => !Directory.Exists(Folder) ? [] : Directory.GetFiles(Folder).Select(f => Path.GetFileName(f))
        .Where(f => !f.StartsWith(ModelRegistry.DatabaseFile, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools(); // pooled connections keep the database open
        _temp.Dispose();
    }
}
