using System.Diagnostics;
using System.Globalization;
using RobustLab.Engine.Experiments;

namespace RobustLab.Cli.Commands;

/// <summary>robustlab reproduce: rerun a paper experiment on MNIST and write its tables (Markdown and CSV) next to the paper's numbers.</summary>
/// <remarks>Progress lines go to stderr as points are measured; the Markdown of every table goes to stdout at the end.</remarks>
internal static class ReproduceCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> rest, CancellationToken ct)
    {
        string? name = rest.Count > 0 && !rest[0].StartsWith("--", StringComparison.Ordinal) ? rest[0] : null;
        var args = new Arguments("reproduce", name is null ? rest : rest.Skip(1).ToList(), new HashSet<string> { "list", "retrain", "quick" });
        if (args.Flag("list"))
        {
            args.EnsureAllUsed();
            if (name is not null) throw new UsageException("--list takes no experiment name.", "reproduce");
            int width = ExperimentCatalog.Names.Max(n => n.Length);
            foreach (var e in ExperimentCatalog.All) Console.WriteLine($"{e.Name.PadRight(width)}  {e.Description} [{e.Paper}]");
            return 0;
        }
        if (name is null) throw new UsageException("Which experiment? 'robustlab reproduce --list' lists them.", "reproduce");
        if (!ExperimentCatalog.Names.Contains(name))
            throw new UsageException($"Unknown experiment '{name}'. Known: {string.Join(", ", ExperimentCatalog.Names)}.", "reproduce");
        var experiment = ExperimentCatalog.Get(name);
        int? limit = args.OptionalInt("limit", 1, 10_000);
        int seed = args.Int("seed", 0, 0, int.MaxValue);
        string output = args.String("out") ?? Path.Combine("results", name);
        string models = args.String("models") ?? DefaultModelsFolder();
        bool retrain = args.Flag("retrain"), quick = args.Flag("quick");
        string dataDir = Common.DataDir(args);
        Common.ApplyThreads(args);
        args.EnsureAllUsed();

        await DataCommand.EnsureMnistAsync(dataDir, ct);
        var context = new ExperimentContext(dataDir, models, output, limit, seed, quick, retrain, line => Console.Error.WriteLine(line));
        var clock = Stopwatch.StartNew();
        Console.Error.WriteLine($"{experiment.Name}: {experiment.Paper}; {limit ?? experiment.DefaultLimit} test images, seed {seed}, " +
                                $"{Engine.Tensors.Parallelism.Threads} threads{(quick ? ", quick" : "")}");
        var tables = await experiment.RunAsync(context, ct);
        var written = TableWriter.Write(output, tables);
        foreach (var table in tables) Console.WriteLine(TableWriter.ToMarkdown(table));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{experiment.Name} done in {clock.Elapsed.TotalSeconds:F0} s; wrote {string.Join(", ", written)}"));
        return 0;
    }

    /// <summary>models/ of the checkout the executable was built in (the folder holding RobustLab.sln), else ./models.</summary>
    private static string DefaultModelsFolder()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "RobustLab.sln"))) return Path.Combine(dir.FullName, "models");
        return "models";
    }
}
