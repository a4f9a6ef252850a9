// The list of experiments: search, filters and sort as one SQL query over the plain columns (no JSON is read, so a
// damaged configuration never breaks the list).
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace RobustLab.Web.Services.Experiments;

internal sealed partial class ExperimentDatabase
{
    public IReadOnlyList<ExperimentSummary> List(ExperimentQuery query)
    {
        using var connection = Open();
        using var command = Command(connection, null, "");
        var where = new List<string>();
        void Like(string column, string? text, string name)
        {
            if (string.IsNullOrWhiteSpace(text)) return;
            where.Add($"{column} LIKE {name} ESCAPE '\\'");
            command.Parameters.AddWithValue(name, "%" + Escape(text.Trim()) + "%");
        }
        void Equal(string column, string? value, string name)
        {
            if (string.IsNullOrWhiteSpace(value)) return;
            where.Add($"{column} = {name}");
            command.Parameters.AddWithValue(name, value.Trim());
        }
        var words = (query.Text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < words.Length; i++)
            Like("(name || ' ' || note || ' ' || description || ' ' || models || ' ' || attack || ' ' || defense || ' ' || knob || ' ' || kind || ' #' || id)", words[i], $"$w{i}");
        Equal("kind", query.Kind, "$kind");
        Equal("status", query.Status, "$status");
        if (!string.IsNullOrWhiteSpace(query.Model))
        {
            where.Add("models LIKE $model ESCAPE '\\'");
            command.Parameters.AddWithValue("$model", "%," + Escape(query.Model.Trim()) + ",%");
        }
        Like("attack", query.Attack, "$attack");
        Like("defense", query.Defense, "$defense");
        if (query.From is { } from)
        {
            where.Add("created_utc >= $from");
            command.Parameters.AddWithValue("$from", Time(from));
        }
        if (query.To is { } to)
        {
            where.Add("created_utc < $to");
            command.Parameters.AddWithValue("$to", Time(to));
        }
        string order = query.Sort switch
        {
            ExperimentSort.Name => "CASE WHEN name = '' THEN description ELSE name END COLLATE NOCASE",
            ExperimentSort.Kind => "kind",
            ExperimentSort.Status => "status",
            ExperimentSort.Model => "models COLLATE NOCASE",
            ExperimentSort.Attack => "attack COLLATE NOCASE",
            ExperimentSort.Defense => "defense COLLATE NOCASE",
            ExperimentSort.Duration => "julianday(ended_utc) - julianday(started_utc)",
            _ => "created_utc",
        };
        string direction = query.Descending ? "DESC" : "ASC";
        command.CommandText = $"""
            SELECT {SummaryColumns} FROM experiments
            {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")}
            ORDER BY {order} {direction} NULLS LAST, id {direction}
            LIMIT $limit OFFSET $offset;
            """;
        command.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 1, ExperimentQuery.MaxLimit));
        command.Parameters.AddWithValue("$offset", Math.Max(0, query.Offset));
        var rows = new List<ExperimentSummary>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) rows.Add(ReadSummary(reader));
        return rows;
    }

    private const string SummaryColumns = """
        id, kind, name, note, status, status_message, created_utc, started_utc, ended_utc, models, attack, defense, knob, seed, examples,
        description, (SELECT COUNT(*) FROM experiment_points p WHERE p.experiment_id = experiments.id), software_version, imported_utc
        """;

    private const int SummaryColumnCount = 19;

    // NOTE: every column is read defensively (GetValue + checks), so a damaged row shows as damaged text rather than breaking the list.
    private static ExperimentSummary ReadSummary(SqliteDataReader r)
    {
        string Text(int i) => r.IsDBNull(i) ? "" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture) ?? "";
        int? Int(int i) => r.IsDBNull(i) || r.GetValue(i) is not long v || v is < int.MinValue or > int.MaxValue ? null : (int)v;
        DateTimeOffset? When(int i) => DateTimeOffset.TryParse(Text(i), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
        return new ExperimentSummary(r.GetInt64(0), Text(1), Text(2), Text(3), Text(4), r.IsDBNull(5) ? null : Text(5),
            When(6) ?? DateTimeOffset.UnixEpoch, When(7), When(8), ModelNames(Text(9)), Text(10), Text(11), Text(12), Int(13), Int(14),
            Text(15), Int(16) ?? 0, Text(17), When(18));
    }

    // ",a,b," so that one model is matched exactly with LIKE '%,name,%'.
    private static string ModelsColumn(IEnumerable<string> names) => "," + string.Join(",", names) + ",";

    private static string[] ModelNames(string column) => column.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is '%' or '_' or '\\') escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}
