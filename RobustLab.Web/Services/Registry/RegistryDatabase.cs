// The registry's table of the lab database: one row per registered model (the built-ins are files, not rows):
// models(name, file, architecture, source, sha256, size_bytes, created_utc, metadata_json), schema v1 of LabMigrations.
using System.Globalization;
using Microsoft.Data.Sqlite;
using RobustLab.Web.Services.Database;

namespace RobustLab.Web.Services.Registry;

internal sealed class RegistryDatabase(string path)
{
    private readonly string _connectionString = LabDatabase.ConnectionString(path);

    public string Path { get; } = path;

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Creates or upgrades the lab database (<see cref="LabMigrations"/>); refuses a database from a newer schema.</summary>
    public void EnsureCreated()
    {
        try
        {
            LabDatabase.Migrate(Path);
        }
        catch (LabDatabaseException e)
        {
            throw new RegistryException(e.Message, e);
        }
    }

    public List<RegistryRow> All()
    {
        using var connection = Open();
        using var command = Command(connection, null, $"{Select} ORDER BY name COLLATE NOCASE;");
        return ReadRows(command);
    }

    public RegistryRow? Find(string name)
    {
        using var connection = Open();
        using var command = Command(connection, null, $"{Select} WHERE name = $name;");
        command.Parameters.AddWithValue("$name", name);
        return ReadRows(command).SingleOrDefault();
    }

    /// <summary>Inserts the row in a transaction; false when the name is taken.</summary>
    public bool Insert(RegistryRow row)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var command = Command(connection, transaction, $"{InsertSql} ON CONFLICT (name) DO NOTHING;");
        Bind(command, row);
        bool inserted = command.ExecuteNonQuery() == 1;
        transaction.Commit();
        return inserted;
    }

    /// <summary>
    /// Puts <paramref name="row"/> in place of the row of the same name, or inserts it, in one transaction: readers see the
    /// old version or the new one, never neither. Returns the row it replaced (null when there was none).
    /// </summary>
    public RegistryRow? Replace(RegistryRow row)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var find = Command(connection, transaction, $"{Select} WHERE name = $name;");
        find.Parameters.AddWithValue("$name", row.Name);
        var previous = ReadRows(find).SingleOrDefault();
        using var delete = Command(connection, transaction, "DELETE FROM models WHERE name = $name;");
        delete.Parameters.AddWithValue("$name", row.Name);
        delete.ExecuteNonQuery();
        using var insert = Command(connection, transaction, $"{InsertSql};");
        Bind(insert, row);
        insert.ExecuteNonQuery();
        transaction.Commit();
        return previous;
    }

    private const string InsertSql = """
        INSERT INTO models (name, file, architecture, source, sha256, size_bytes, created_utc, metadata_json)
        VALUES ($name, $file, $architecture, $source, $sha256, $size, $created, $metadata)
        """;

    private static void Bind(SqliteCommand command, RegistryRow row)
    {
        command.Parameters.AddWithValue("$name", row.Name);
        command.Parameters.AddWithValue("$file", row.File);
        command.Parameters.AddWithValue("$architecture", row.Architecture);
        command.Parameters.AddWithValue("$source", row.Source.ToString());
        command.Parameters.AddWithValue("$sha256", row.Sha256);
        command.Parameters.AddWithValue("$size", row.SizeBytes);
        command.Parameters.AddWithValue("$created", row.Created.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$metadata", row.MetadataJson);
    }

    /// <summary>Deletes the row in a transaction and returns it (null when there was none).</summary>
    public RegistryRow? Delete(string name)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var find = Command(connection, transaction, $"{Select} WHERE name = $name;");
        find.Parameters.AddWithValue("$name", name);
        var row = ReadRows(find).SingleOrDefault();
        if (row is null) return null;
        using var delete = Command(connection, transaction, "DELETE FROM models WHERE name = $name;");
        delete.Parameters.AddWithValue("$name", name);
        delete.ExecuteNonQuery();
        transaction.Commit();
        return row;
    }

    private const string Select = "SELECT name, file, architecture, source, sha256, size_bytes, created_utc, metadata_json FROM models";

    private static List<RegistryRow> ReadRows(SqliteCommand command)
    {
        var rows = new List<RegistryRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) rows.Add(RegistryRow.Read(reader)); // a damaged row comes back with its Problem, never throws
        return rows;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        command.ExecuteNonQuery();
    }
}
