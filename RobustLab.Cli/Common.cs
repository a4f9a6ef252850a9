using RobustLab.Engine.Data;
using RobustLab.Engine.Tensors;

namespace RobustLab.Cli;

/// <summary>Options every command shares: the data folder and the thread count.</summary>
internal static class Common
{
    public static string DataDir(Arguments args) => DataDirectory.Resolve(args.String("data-dir"));

    public static void ApplyThreads(Arguments args) =>
        Parallelism.Threads = args.Int("threads", Environment.ProcessorCount, 1, 1024);

    /// <summary>Loads a split of the data set named by --dataset, or the one the input shape implies.</summary>
    /// <summary>Reads --dataset (validated); null means "the one the model's input shape implies".</summary>
    public static string? DatasetOption(Arguments args)
    {
        string? name = args.String("dataset");
        if (name is not null && !DatasetCatalog.Names.Contains(name))
            throw new UsageException($"--dataset must be one of {string.Join(", ", DatasetCatalog.Names)}, got '{name}'.", args.Command);
        return name;
    }

    /// <summary>Loads a split of the named data set, checking it fits the model's input shape.</summary>
    public static Dataset LoadData(string name, int[] inputShape, string dataDir, string split)
    {
        var data = DatasetCatalog.Load(name, dataDir, split);
        if (!data.ExampleShape.AsSpan().SequenceEqual(inputShape))
            throw new ArgumentException($"The model expects examples [{string.Join(",", inputShape)}] but {name} has [{string.Join(",", data.ExampleShape)}].");
        return data;
    }
}
