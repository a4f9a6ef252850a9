// The experiments' two tables of the lab database (schema v2 of LabMigrations): experiments, one row per experiment with
// the searchable columns plain and the configuration/result as JSON, and experiment_points, one row per recorded point.
// Every write is its own transaction; an experiment and its points from an import go in together or not at all.
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using RobustLab.Web.Services.Database;

namespace RobustLab.Web.Services.Experiments;

internal sealed partial class ExperimentDatabase(string path)
{
    private readonly string _connectionString = LabDatabase.ConnectionString(path);

    public string Path { get; } = path;

    /// <summary>The raw row of one experiment (JSON still text, so a corrupted column is reported, not thrown on listing).</summary>
    public sealed record Row(ExperimentSummary Summary, string ModelsJson, string ConfigJson, string? ResultJson, IReadOnlyList<ExperimentPoint> Points);

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Inserts an experiment and its points in one transaction; returns its new id.</summary>
    public long Insert(ExperimentRecord record, IEnumerable<(string Series, string Json)> points)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var insert = Command(connection, transaction, """
            INSERT INTO experiments (kind, name, note, status, status_message, created_utc, started_utc, ended_utc, models, attack, defense,
                knob, seed, examples, description, software_version, imported_utc, models_json, config_json, result_json)
            VALUES ($kind, $name, $note, $status, $message, $created, $started, $ended, $models, $attack, $defense,
                $knob, $seed, $examples, $description, $software, $imported, $models_json, $config, $result)
            RETURNING id;
            """);
        insert.Parameters.AddWithValue("$kind", record.Kind);
        insert.Parameters.AddWithValue("$name", record.Name);
        insert.Parameters.AddWithValue("$note", record.Note);
        insert.Parameters.AddWithValue("$status", record.Status);
        insert.Parameters.AddWithValue("$message", (object?)record.StatusMessage ?? DBNull.Value);
        insert.Parameters.AddWithValue("$created", Time(record.Created));
        insert.Parameters.AddWithValue("$started", Time(record.Started));
        insert.Parameters.AddWithValue("$ended", Time(record.Ended));
        insert.Parameters.AddWithValue("$models", ModelsColumn(record.Models.Select(m => m.Name)));
        insert.Parameters.AddWithValue("$attack", record.Attack);
        insert.Parameters.AddWithValue("$defense", record.Defense);
        insert.Parameters.AddWithValue("$knob", record.Knob);
        insert.Parameters.AddWithValue("$seed", (object?)record.Seed ?? DBNull.Value);
        insert.Parameters.AddWithValue("$examples", (object?)record.Examples ?? DBNull.Value);
        insert.Parameters.AddWithValue("$description", record.Description);
        insert.Parameters.AddWithValue("$software", record.SoftwareVersion);
        insert.Parameters.AddWithValue("$imported", Time(record.Imported));
        insert.Parameters.AddWithValue("$models_json", JsonSerializer.Serialize(record.Models, ExperimentJson.Options));
        insert.Parameters.AddWithValue("$config", record.ConfigJson);
        insert.Parameters.AddWithValue("$result", (object?)record.ResultJson ?? DBNull.Value);
        long id = (long)insert.ExecuteScalar()!;
        using var point = Command(connection, transaction, "INSERT INTO experiment_points (experiment_id, seq, series, json) VALUES ($id, $seq, $series, $json);");
        var (pid, pseq, pseries, pjson) = (point.Parameters.Add("$id", SqliteType.Integer), point.Parameters.Add("$seq", SqliteType.Integer),
            point.Parameters.Add("$series", SqliteType.Text), point.Parameters.Add("$json", SqliteType.Text));
        pid.Value = id;
        int seq = 0;
        foreach (var (series, json) in points)
        {
            (pseq.Value, pseries.Value, pjson.Value) = (seq++, series, json);
            point.ExecuteNonQuery();
        }
        transaction.Commit();
        return id;
    }

    /// <summary>Appends points to a running experiment in one transaction; false when the experiment is gone or no longer running.</summary>
    public bool Append(long id, int firstSeq, IReadOnlyList<(string Series, string Json)> points)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var check = Command(connection, transaction, "SELECT status FROM experiments WHERE id = $id;");
        check.Parameters.AddWithValue("$id", id);
        if (check.ExecuteScalar() as string != ExperimentStatus.Running) return false;
        using var point = Command(connection, transaction, "INSERT INTO experiment_points (experiment_id, seq, series, json) VALUES ($id, $seq, $series, $json);");
        point.Parameters.AddWithValue("$id", id);
        var (pseq, pseries, pjson) = (point.Parameters.Add("$seq", SqliteType.Integer), point.Parameters.Add("$series", SqliteType.Text), point.Parameters.Add("$json", SqliteType.Text));
        for (int i = 0; i < points.Count; i++)
        {
            (pseq.Value, pseries.Value, pjson.Value) = (firstSeq + i, points[i].Series, points[i].Json);
            point.ExecuteNonQuery();
        }
        transaction.Commit();
        return true;
    }

    /// <summary>Ends a running experiment: its status, message, end time and (when given) its result.</summary>
    public bool Finish(long id, string status, string? message, DateTimeOffset ended, string? resultJson)
    {
        using var connection = Open();
        using var update = Command(connection, null, """
            UPDATE experiments SET status = $status, status_message = $message, ended_utc = $ended, result_json = COALESCE($result, result_json)
            WHERE id = $id AND status = 'running';
            """);
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$status", status);
        update.Parameters.AddWithValue("$message", (object?)message ?? DBNull.Value);
        update.Parameters.AddWithValue("$ended", Time(ended));
        update.Parameters.AddWithValue("$result", (object?)resultJson ?? DBNull.Value);
        return update.ExecuteNonQuery() == 1;
    }

    /// <summary>Marks every "running" experiment interrupted (the server stopped while they ran); returns how many.</summary>
    public int MarkInterrupted(DateTimeOffset now)
    {
        using var connection = Open();
        using var update = Command(connection, null, """
            UPDATE experiments SET status = 'interrupted', status_message = $message, ended_utc = COALESCE(ended_utc, $now)
            WHERE status = 'running';
            """);
        update.Parameters.AddWithValue("$message", ExperimentStatus.InterruptedMessage);
        update.Parameters.AddWithValue("$now", Time(now));
        return update.ExecuteNonQuery();
    }

    /// <summary>Sets a text column (name or note); false when there is no such experiment.</summary>
    public bool SetText(long id, string column, string value)
    {
        if (column is not ("name" or "note")) throw new ArgumentOutOfRangeException(nameof(column));
        using var connection = Open();
        using var update = Command(connection, null, $"UPDATE experiments SET {column} = $value WHERE id = $id;");
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$value", value);
        return update.ExecuteNonQuery() == 1;
    }

    /// <summary>The experiment's status, or null when there is none.</summary>
    public string? StatusOf(long id)
    {
        using var connection = Open();
        using var command = Command(connection, null, "SELECT status FROM experiments WHERE id = $id;");
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() as string;
    }

    /// <summary>Deletes the experiment and its points in one transaction; false when there was none.</summary>
    public bool Delete(long id)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var points = Command(connection, transaction, "DELETE FROM experiment_points WHERE experiment_id = $id;");
        points.Parameters.AddWithValue("$id", id);
        points.ExecuteNonQuery();
        using var delete = Command(connection, transaction, "DELETE FROM experiments WHERE id = $id;");
        delete.Parameters.AddWithValue("$id", id);
        bool deleted = delete.ExecuteNonQuery() == 1;
        transaction.Commit();
        return deleted;
    }

    public Row? Find(long id)
    {
        using var connection = Open();
        // NOTE: one read transaction, so the row and its points are one consistent snapshot while a run appends.
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = Command(connection, transaction, $"SELECT {SummaryColumns}, models_json, config_json, result_json FROM experiments WHERE id = $id;");
        command.Parameters.AddWithValue("$id", id);
        ExperimentSummary summary;
        string modelsJson, configJson;
        string? resultJson;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read()) return null;
            summary = ReadSummary(reader);
            int n = SummaryColumnCount;
            (modelsJson, configJson, resultJson) = (reader.GetString(n), reader.GetString(n + 1), reader.IsDBNull(n + 2) ? null : reader.GetString(n + 2));
        }
        using var points = Command(connection, transaction, "SELECT seq, series, json FROM experiment_points WHERE experiment_id = $id ORDER BY seq;");
        points.Parameters.AddWithValue("$id", id);
        var list = new List<ExperimentPoint>();
        using (var reader = points.ExecuteReader())
            while (reader.Read()) list.Add(new ExperimentPoint(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        transaction.Commit();
        return new Row(summary with { PointCount = list.Count }, modelsJson, configJson, resultJson, list);
    }

    /// <summary>UTC, milliseconds, "Z": sorts as text and julianday() reads it.</summary>
    public static object Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : DBNull.Value;

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
