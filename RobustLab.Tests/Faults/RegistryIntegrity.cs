using Microsoft.Data.Sqlite;

namespace RobustLab.Tests.Faults;

/// <summary>SQLite's own check of a database file: "ok" when every page, index and constraint is sound. Reusable by any fault test.</summary>
internal static class RegistryIntegrity
{
    /// <summary>The result of <c>PRAGMA integrity_check</c> on <paramref name="databasePath"/> (one line per problem; "ok" when none).</summary>
    public static string Check(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read()) lines.Add(reader.GetString(0));
        return string.Join("\n", lines);
    }
}
