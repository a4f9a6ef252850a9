namespace RobustLab.Engine.Experiments;

/// <summary>How a column's values are written: Markdown for people, CSV for programs (invariant culture either way).</summary>
public enum ColumnFormat
{
    /// <summary>Free text.</summary>
    Text,

    /// <summary>A fraction in [0,1]: Markdown shows a percentage ("79.20 %"), CSV the fraction.</summary>
    Fraction,

    /// <summary>A real number (4 significant digits in Markdown, round-trip in CSV).</summary>
    Number,

    /// <summary>A whole number.</summary>
    Integer,
}

/// <summary>One column: its header and format.</summary>
public sealed record TableColumn(string Name, ColumnFormat Format = ColumnFormat.Fraction);

/// <summary>
/// A result table of an experiment: a file name, a title, the columns, the rows (a cell is a string, a number or null for
/// "not measured / not in the paper"), and notes — the paper's source for its columns and what the paper leads one to expect.
/// </summary>
/// <param name="Name">File stem of the written files ("kappa-tradeoff" → kappa-tradeoff.md, kappa-tradeoff.csv).</param>
public sealed record ResultTable(string Name, string Title, IReadOnlyList<TableColumn> Columns, IReadOnlyList<object?[]> Rows, IReadOnlyList<string> Notes)
{
    /// <summary>The cell of a row under the column named <paramref name="column"/>.</summary>
    public object? Cell(object?[] row, string column)
    {
        for (int i = 0; i < Columns.Count; i++)
            if (Columns[i].Name == column) return row[i];
        throw new ArgumentException($"Table {Name} has no column '{column}'. Columns: {string.Join(", ", Columns.Select(c => c.Name))}.");
    }

    /// <summary>Throws when a row's length does not match the columns (a bug in the experiment, not in the data).</summary>
    public ResultTable Validate()
    {
        foreach (var row in Rows)
            if (row.Length != Columns.Count) throw new InvalidOperationException($"Table {Name}: a row has {row.Length} cells for {Columns.Count} columns.");
        return this;
    }
}
