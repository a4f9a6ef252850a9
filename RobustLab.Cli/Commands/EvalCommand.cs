using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using RobustLab.Engine.Data;
using RobustLab.Engine.Layers.Activations;
using RobustLab.Engine.Metrics;
using RobustLab.Engine.Serialization;

namespace RobustLab.Cli.Commands;

/// <summary>robustlab eval: clean accuracy of a model file on a data split, optionally with retrofitted activations.</summary>
internal static class EvalCommand
{
    public static async Task<int> RunAsync(Arguments args, CancellationToken ct)
    {
        string modelPath = args.Required("model");
        string? arch = args.String("arch");
        string split = args.String("split") ?? "test";
        if (split is not ("test" or "train")) throw new UsageException($"--split must be test or train, got '{split}'.", "eval");
        int offset = args.Int("offset", 0, 0, int.MaxValue);
        int? limit = args.OptionalInt("limit", 0, int.MaxValue);
        int seed = args.Int("seed", 0, 0, int.MaxValue);
        int batch = args.Int("batch", 256, 1, 65_536);
        bool json = args.Flag("json");
        string? activationSpec = args.String("activation");
        Activation? activation;
        try { activation = activationSpec is null ? null : ActivationCatalog.Parse(activationSpec, seed); }
        catch (FormatException e) { throw new UsageException($"--activation: {e.Message}", "eval"); }
        string dataDir = Common.DataDir(args);
        string? datasetOption = Common.DatasetOption(args);
        Common.ApplyThreads(args);
        args.EnsureAllUsed();
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"Model file '{modelPath}' does not exist.");
        var net = ModelFile.Load(modelPath, arch, seed);
        string datasetName = datasetOption ?? DatasetCatalog.DefaultFor(net.InputShape);
        if (datasetName == DatasetCatalog.Mnist) await DataCommand.EnsureMnistAsync(dataDir, ct);
        var full = Common.LoadData(datasetName, net.InputShape, dataDir, split);
        if (offset > full.Count) throw new UsageException($"--offset {offset} is past the end of the {split} split ({full.Count} examples).", "eval");
        var data = full.Subset(offset, limit);
        if (activation is not null) net.Retrofit(activation);

        var clock = Stopwatch.StartNew();
        float accuracy = Evaluator.Accuracy(net, data, batch, ct);
        double seconds = clock.Elapsed.TotalSeconds;
        if (json)
        {
            var result = new JsonObject
            {
                ["model"] = modelPath,
                ["architecture"] = net.Architecture,
                ["dataset"] = datasetName,
                ["split"] = split,
                ["offset"] = offset,
                ["examples"] = data.Count,
                ["activation"] = activation?.Spec ?? "relu",
                ["seed"] = seed,
                ["clean_accuracy"] = data.Count == 0 ? null : Math.Round(accuracy, 6),
                ["seconds"] = Math.Round(seconds, 4),
            };
            Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        }
        else
        {
            Console.WriteLine($"{net.Architecture} ({modelPath}), activation {activation?.Spec ?? "relu"}, {datasetName} {split} [{offset}, {offset + data.Count}):");
            Console.WriteLine($"  clean accuracy {accuracy:P2} on {data.Count} examples in {seconds:F2} s");
        }
        return 0;
    }
}
