using RobustLab.Engine.Data;
using RobustLab.Engine.Experiments;
using RobustLab.Engine.Metrics;
using RobustLab.Tests.Attacks;
using RobustLab.Tests.Cli;

namespace RobustLab.Tests.Experiments;

/// <summary>Runs a catalog experiment in quick mode on the first MNIST test images into a temporary folder, and checks what every table must satisfy.</summary>
internal static class ExperimentFixture
{
    public sealed record Run(IReadOnlyList<ResultTable> Tables, IReadOnlyList<string> Log, string OutputDir)
    {
        public ResultTable Table(string name) => Tables.Single(t => t.Name == name);
    }

    public static async Task<Run> RunAsync(string name, TempDirectory output, int limit = 16, int seed = 0)
    {
        TrainedModel.MnistTest(1); // makes sure MNIST is in the data folder
        var log = new List<string>();
        var context = new ExperimentContext(DataDirectory.Resolve(null), Path.Combine(CliRunner.RepositoryRoot, "models"), output.Root,
            Limit: limit, Seed: seed, Quick: true, Log: line => { lock (log) log.Add(line); });
        var tables = await ExperimentCatalog.Get(name).RunAsync(context);
        var written = TableWriter.Write(output.Root, tables);
        foreach (var table in tables)
        {
            Assert.Contains(Path.Combine(output.Root, table.Name + ".md"), written);
            Assert.StartsWith("## " + table.Title, File.ReadAllText(Path.Combine(output.Root, table.Name + ".md")));
            var csv = File.ReadAllLines(Path.Combine(output.Root, table.Name + ".csv"));
            Assert.Equal(table.Rows.Count + 1, csv.Length);
            AssertSane(table);
        }
        Assert.NotEmpty(log);
        return new Run(tables, log, output.Root);
    }

    /// <summary>Every row has a cell per column; every fraction is in [0,1]; the notes name the paper's source.</summary>
    public static void AssertSane(ResultTable table)
    {
        table.Validate();
        Assert.NotEmpty(table.Rows);
        Assert.Contains(table.Notes, n => n.StartsWith("Paper:", StringComparison.Ordinal));
        foreach (var row in table.Rows)
            for (int i = 0; i < row.Length; i++)
                if (table.Columns[i].Format == ColumnFormat.Fraction && row[i] is { } v)
                    Assert.InRange(Convert.ToDouble(v), 0.0, 1.0);
    }

    /// <summary>The cell as a double (it must be there).</summary>
    public static double Number(ResultTable table, object?[] row, string column) =>
        Convert.ToDouble(table.Cell(row, column) ?? throw new Xunit.Sdk.XunitException($"{table.Name}: '{column}' is empty."));

    /// <summary>Clean accuracy of a default model on the first <paramref name="count"/> test images, without any experiment code.</summary>
    public static float CleanAccuracy(string architecture, int count) => Evaluator.Accuracy(TrainedModel.Load(architecture), TrainedModel.MnistTest(count));
}
