using System.Diagnostics;
using System.Globalization;
using RobustLab.Engine.Data;
using RobustLab.Engine.Metrics;
using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;
using RobustLab.Engine.Training;

namespace RobustLab.Cli.Commands;

/// <summary>robustlab train: train an architecture from a seeded initialisation and save it as safetensors.</summary>
internal static class TrainCommand
{
    public static async Task<int> RunAsync(Arguments args, IReadOnlyList<string> rawArgs, CancellationToken ct)
    {
        string arch = args.Required("arch");
        if (!ModelZoo.Names.Contains(arch))
            throw new UsageException($"--arch must be one of {string.Join(", ", ModelZoo.Names)}, got '{arch}'.", "train");
        int epochs = args.Int("epochs", 0, 1, 10_000);
        if (!args.Has("epochs")) throw new UsageException("Option --epochs is required.", "train");
        if (!args.Has("seed")) throw new UsageException("Option --seed is required.", "train");
        int seed = args.Int("seed", 0, 0, int.MaxValue);
        string output = args.Required("out");
        var options = new TrainingOptions(
            Epochs: epochs,
            BatchSize: args.Int("batch", 128, 1, 65_536),
            LearningRate: args.Float("lr", 1e-3f, 1e-9f, 100f),
            Optimizer: args.String("optimizer") ?? "adam",
            Momentum: args.Float("momentum", 0.9f, 0f, 0.9999f),
            WeightDecay: args.Float("weight-decay", 0f, 0f, 1f),
            Seed: seed,
            LrStepEpochs: args.OptionalInt("lr-step", 1, 10_000),
            LrGamma: args.Float("lr-gamma", 0.1f, 1e-6f, 1f));
        if (options.Optimizer is not ("adam" or "sgd"))
            throw new UsageException($"--optimizer must be adam or sgd, got '{options.Optimizer}'.", "train");
        int? limit = args.OptionalInt("limit", 1, int.MaxValue);
        string dataDir = Common.DataDir(args);
        string? datasetOption = Common.DatasetOption(args);
        Common.ApplyThreads(args);
        args.EnsureAllUsed();
        var net = ModelZoo.Create(arch, seed);
        string datasetName = datasetOption ?? DatasetCatalog.DefaultFor(net.InputShape);
        if (datasetName == DatasetCatalog.Mnist) await DataCommand.EnsureMnistAsync(dataDir, ct);
        var train = Common.LoadData(datasetName, net.InputShape, dataDir, "train");
        var test = Common.LoadData(datasetName, net.InputShape, dataDir, "test");
        if (limit is int n) train = train.Subset(0, n);

        Console.WriteLine($"Training {net} on {train.Name} ({train.Count} examples), {epochs} epochs, batch {options.BatchSize}, " +
                          $"{options.Optimizer} lr {options.LearningRate}, seed {seed}, {Engine.Tensors.Parallelism.Threads} threads");
        var reporter = new ProgressPrinter();
        var trainer = new Trainer(net, options)
        {
            EpochCompleted = r => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {r.Epoch} done: loss {r.Loss:F4}  train acc {r.TrainAccuracy:P2}  test acc {r.TestAccuracy:P2}  {r.Elapsed.TotalSeconds:F1}s")),
        };
        var results = trainer.Fit(train, test, new SynchronousProgress<TrainingProgress>(reporter.Report), ct);
        var last = results[^1];
        var metadata = new Dictionary<string, string>
        {
            ["dataset"] = train.Name.Replace("-train", ""),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["epochs"] = epochs.ToString(CultureInfo.InvariantCulture),
            ["optimizer"] = options.Optimizer,
            ["learning_rate"] = options.LearningRate.ToString("R", CultureInfo.InvariantCulture),
            ["batch_size"] = options.BatchSize.ToString(CultureInfo.InvariantCulture),
            ["test_accuracy"] = last.TestAccuracy?.ToString("F4", CultureInfo.InvariantCulture) ?? "",
            ["train_command"] = "robustlab " + string.Join(' ', rawArgs),
            ["software"] = "RobustLab " + typeof(Network).Assembly.GetName().Version,
        };
        ModelFile.Save(net, output, metadata);
        Console.WriteLine($"Saved {output}: test accuracy {last.TestAccuracy:P2} after {epochs} epochs in {last.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }

    /// <summary>Prints a line about every tenth of an epoch and one per finished epoch, with an ETA.</summary>
    private sealed class ProgressPrinter
    {
        private int _lastTenth = -1, _lastEpoch;

        public void Report(TrainingProgress p)
        {
            if (p.Epoch != _lastEpoch) { _lastEpoch = p.Epoch; _lastTenth = -1; }
            int tenth = p.Batch * 10 / p.Batches;
            if (tenth == _lastTenth) return;
            _lastTenth = tenth;
            double eta = p.Fraction > 0 ? p.Elapsed.TotalSeconds * (1 - p.Fraction) / p.Fraction : double.NaN;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {p.Epoch}/{p.Epochs}  batch {p.Batch,4}/{p.Batches}  loss {p.Loss:F4}  train acc {p.Accuracy:P2}  lr {p.LearningRate:G3}  {p.Elapsed.TotalSeconds,6:F1}s  eta {eta:F0}s"));
        }
    }

    /// <summary>IProgress that reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
