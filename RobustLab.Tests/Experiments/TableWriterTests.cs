using RobustLab.Engine.Experiments;

namespace RobustLab.Tests.Experiments;

/// <summary>Markdown for people and CSV for programs, both in the invariant culture.</summary>
public sealed class TableWriterTests
{
    private static readonly ResultTable Table = new("t", "A title",
        [new("name", ColumnFormat.Text), new("κ", ColumnFormat.Number), new("accuracy"), new("count", ColumnFormat.Integer)],
        [["a, \"quoted\" | piped", 0.125, 0.7925f, 3], ["b", 1.5, null, 10]],
        ["Paper: somewhere."]);

    [Fact]
    public void Markdown_shows_fractions_as_percentages_and_missing_cells_as_a_dash()
    {
        string md = TableWriter.ToMarkdown(Table);
        Assert.StartsWith("## A title\n", md.Replace("\r\n", "\n"));
        Assert.Contains("| name | κ | accuracy | count |", md);
        Assert.Contains("|---|---:|---:|---:|", md);
        Assert.Contains("| a, \"quoted\" \\| piped | 0.125 | 79.25 % | 3 |", md);
        Assert.Contains("| b | 1.5 | – | 10 |", md);
        Assert.Contains("- Paper: somewhere.", md);
    }

    [Fact]
    public void Csv_keeps_raw_fractions_and_quotes_cells_with_commas_or_quotes()
    {
        // NOTE: the tests run in globalization-invariant mode, so no other culture can be switched on; the writer passes
        // CultureInfo.InvariantCulture to every conversion.
        Assert.Equal("name,κ,accuracy,count\n\"a, \"\"quoted\"\" | piped\",0.125,0.7925,3\nb,1.5,,10\n", TableWriter.ToCsv(Table));
    }

    [Fact]
    public void Write_puts_a_markdown_and_a_csv_file_per_table_and_rejects_ragged_rows()
    {
        using var temp = new TempDirectory();
        var paths = TableWriter.Write(temp.File("out"), [Table]);
        Assert.Equal([temp.File("out", "t.md"), temp.File("out", "t.csv")], paths);
        Assert.Equal(TableWriter.ToCsv(Table), File.ReadAllText(temp.File("out", "t.csv")));
        var ragged = Table with { Rows = [["only one cell"]] };
        Assert.Throws<InvalidOperationException>(() => TableWriter.Write(temp.File("out"), [ragged]));
    }
}
