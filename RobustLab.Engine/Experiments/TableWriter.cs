using System.Globalization;
using System.Text;

namespace RobustLab.Engine.Experiments;

/// <summary>Writes result tables as Markdown (for people and the README) and CSV (RFC 4180, invariant culture, fractions in [0,1]).</summary>
public static class TableWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>"## Title", the table, then the notes as a list. Null cells are "–".</summary>
    public static string ToMarkdown(ResultTable table)
    {
        var md = new StringBuilder();
        md.Append("## ").AppendLine(table.Title).AppendLine();
        md.Append("| ").AppendJoin(" | ", table.Columns.Select(c => Escape(c.Name))).AppendLine(" |");
        md.Append('|').AppendJoin("", table.Columns.Select(c => c.Format == ColumnFormat.Text ? "---|" : "---:|")).AppendLine();
        foreach (var row in table.Rows)
            md.Append("| ").AppendJoin(" | ", row.Select((v, i) => Escape(Markdown(v, table.Columns[i].Format)))).AppendLine(" |");
        if (table.Notes.Count > 0)
        {
            md.AppendLine();
            foreach (var note in table.Notes) md.Append("- ").AppendLine(note);
        }
        return md.ToString();
    }

    /// <summary>A header line and one line per row; null cells are empty.</summary>
    public static string ToCsv(ResultTable table)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(",", table.Columns.Select(c => Quote(c.Name))).Append('\n');
        foreach (var row in table.Rows) csv.AppendJoin(",", row.Select(v => Quote(Csv(v)))).Append('\n');
        return csv.ToString();
    }

    /// <summary>Writes &lt;name&gt;.md and &lt;name&gt;.csv for every table into <paramref name="directory"/> (created); returns the paths.</summary>
    public static IReadOnlyList<string> Write(string directory, IEnumerable<ResultTable> tables)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var table in tables)
        {
            table.Validate();
            string md = Path.Combine(directory, table.Name + ".md"), csv = Path.Combine(directory, table.Name + ".csv");
            File.WriteAllText(md, ToMarkdown(table));
            File.WriteAllText(csv, ToCsv(table));
            paths.Add(md);
            paths.Add(csv);
        }
        return paths;
    }

    private static string Markdown(object? value, ColumnFormat format) => value switch
    {
        null => "–",
        string s => s,
        _ when format == ColumnFormat.Fraction => (Convert.ToDouble(value, Invariant) * 100).ToString("F2", Invariant) + " %",
        _ when format == ColumnFormat.Integer => Convert.ToInt64(value, Invariant).ToString(Invariant),
        double or float => Convert.ToDouble(value, Invariant).ToString("G4", Invariant),
        _ => Convert.ToString(value, Invariant) ?? "",
    };

    private static string Csv(object? value) => value switch
    {
        null => "",
        float f => f.ToString("R", Invariant),
        double d => d.ToString("R", Invariant),
        _ => Convert.ToString(value, Invariant) ?? "",
    };

    private static string Escape(string cell) => cell.Replace("|", "\\|");

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
}
