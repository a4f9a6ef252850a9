// The lab's one SQLite database (registry/registry.db): models and experiments. Opening it brings its schema up to date
// through LabMigrations in one transaction, or refuses a database written by a newer RobustLab. Journal in WAL mode,
// so readers never wait for a writer and a killed process leaves every committed transaction intact.
using Microsoft.Data.Sqlite;

namespace RobustLab.Web.Services.Database;

/// <summary>A schema the code cannot use (newer than it, or an upgrade that failed), with a message to show as it is.</summary>
public sealed class LabDatabaseException(string message, Exception? inner = null) : Exception(message, inner);

public static class LabDatabase
{
    /// <summary>A pooled read-write connection string for <paramref name="path"/> (foreign keys on).</summary>
    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        ForeignKeys = true,
    }.ToString();

    /// <summary>Creates or upgrades the database at <paramref name="path"/> to <paramref name="migrations"/>' last version.</summary>
    /// <returns>The version the database had before (0: new).</returns>
    /// <exception cref="LabDatabaseException">The database is from a newer version, or an upgrade step failed (nothing was changed).</exception>
    public static int Migrate(string path, IReadOnlyList<Migration>? migrations = null)
    {
        migrations ??= LabMigrations.All;
        int latest = migrations[^1].Version;
        using var connection = new SqliteConnection(ConnectionString(path));
        connection.Open();
        Execute(connection, null, "PRAGMA journal_mode = WAL;");
        // NOTE: BeginTransaction is BEGIN IMMEDIATE: two processes (or a registry and an experiment store) opening the
        // same file at once take turns, and the second sees the first one's version.
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);");
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT MAX(version) FROM schema_version;";
        int version = read.ExecuteScalar() is long v ? (int)v : 0;
        if (version > latest)
            throw new LabDatabaseException($"The lab database {path} has schema version {version}; this RobustLab reads versions up to {latest}. " +
                "Use a newer RobustLab, or point RobustLab:RegistryDirectory at another folder.");
        foreach (var migration in migrations.Where(m => m.Version > version).OrderBy(m => m.Version))
        {
            try
            {
                Execute(connection, transaction, migration.Sql);
            }
            catch (SqliteException e)
            {
                throw new LabDatabaseException($"Upgrading the lab database {path} to schema version {migration.Version} ({migration.Description}) failed: {e.Message}. It was left at version {version}.", e);
            }
            Execute(connection, transaction, $"INSERT INTO schema_version (version) VALUES ({migration.Version});");
        }
        transaction.Commit();
        return version;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
