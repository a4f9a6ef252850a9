using RobustLab.Engine.Catalog;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RobustLab.Engine.Data;
using RobustLab.Engine.Sweeps;
using RobustLab.Tests.Cli;
using RobustLab.Web.Services;
using RobustLab.Web.Services.Experiments;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Limits;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Tradeoffs;
using RobustLab.Web.Services.Training;

namespace RobustLab.Tests.Web.Experiments;

/// <summary>
/// The real services behind the experiments, on a fresh lab database of their own: the job queue, the registry over the
/// repository's models (lenet-like), MNIST, and the experiment store.
/// </summary>
public sealed class ExperimentLab : IDisposable
{
    private readonly TempDirectory _temp = new();

    public ExperimentLab()
    {
        _ = Attacks.TrainedModel.MnistTest(1); // fetches MNIST if it is missing (as the attack tests do)
        string root = CliRunner.RepositoryRoot;
        ModelsDirectory = Path.Combine(root, "models");
        RegistryDirectory = _temp.File("registry");
        Queue = new JobQueue(Options.Create(new JobQueueOptions { Concurrency = 2, MaxQueued = 64 }), NullLogger<JobQueue>.Instance);
        Registry = NewRegistry();
        Data = new TrainingData(new LabPaths(root, ModelsDirectory, DataDirectory.Resolve(null)), Options.Create(new LabOptions { DownloadMnist = false }),
            NullLogger<TrainingData>.Instance);
        Store = NewStore();
        var labOptions = Options.Create(new LabOptions { DownloadMnist = false });
        Lab = new LabResources(Registry, Data, labOptions);
    }

    /// <summary>The Lab's models and MNIST, over this registry.</summary>
    public LabResources Lab { get; }

    /// <summary>Re-runs a stored experiment for <paramref name="circuit"/> (a Lab snapshot as the Lab computes one).</summary>
    public ExperimentRerun Rerun(CircuitJobs circuit) => new(circuit, Registry, Data, Store, Limits, NullLoggerFactory.Instance,
        new LabSnapshotRerun(Lab, Store, Limits, NullLoggerFactory.Instance));

    public string ModelsDirectory { get; }
    public string RegistryDirectory { get; }
    public JobQueue Queue { get; }
    public ModelRegistry Registry { get; }
    public TrainingData Data { get; }
    public ExperimentStore Store { get; }

    /// <summary>The default limits (sessions and the re-run take them).</summary>
    public static IOptions<LimitsOptions> Limits { get; } = Options.Create(new LimitsOptions());

    public string DatabasePath => Path.Combine(RegistryDirectory, ModelRegistry.DatabaseFile);

    public ModelRegistry NewRegistry() =>
        new(new ModelRegistrySettings(RegistryDirectory, ModelsDirectory, 1 << 26), NullLogger<ModelRegistry>.Instance);

    /// <summary>Another store over the same database, as a restarted server opens it.</summary>
    public ExperimentStore NewStore(long maxImportBytes = 16L << 20) =>
        new(NewRegistry(), Options.Create(new ExperimentOptions { MaxImportBytes = maxImportBytes }), NullLogger<ExperimentStore>.Instance);

    public (SweepSession Session, CircuitJobs Circuit) OpenSweep()
    {
        var circuit = new CircuitJobs(Queue);
        return (new SweepSession(circuit, Registry, Data, Limits, NullLogger<SweepSession>.Instance, Store), circuit);
    }

    public (TrainingSession Session, CircuitJobs Circuit) OpenTraining()
    {
        var circuit = new CircuitJobs(Queue);
        return (new TrainingSession(circuit, Registry, Data, NullLogger<TrainingSession>.Instance, Store), circuit);
    }

    /// <summary>A small seeded FGSM sweep of lenet-like over ε on the first <paramref name="examples"/> MNIST test images.</summary>
    public static TradeoffsState SmallSweep(string values = "0, 0.1, 0.2", int examples = 32, int seed = 5) => new()
    {
        Model = "lenet-like", Knob = SweepKnobs.Epsilon, ValuesMode = ValuesMode.List, ValuesText = values, Attack = "fgsm", Examples = examples, Seed = seed,
        Measures = PlotMeasures.CleanAccuracy | PlotMeasures.AdversarialAccuracy | PlotMeasures.RhoL2,
    };

    /// <summary>A recorded sweep experiment with hand-made points (for list, search and file tests that need no engine run).</summary>
    public long Record(TradeoffsState settings, int points, string status = ExperimentStatus.Completed, ExperimentStore? store = null)
    {
        var run = (store ?? Store).BeginSweep(settings);
        for (int i = 0; i < points; i++)
            run.Add(ExperimentSeries.SweepPoint, new SweepPoint("s", settings.Knob, i, i * 0.1, null, settings.Examples, 0.9f, 0.9f - i % 9 * 0.1f,
                0.05f * (i % 10), 0.1f, 0.01f * i, null, 0.5f, 0.1f, null, 0.25 * i, settings.Model, null, settings.Attack));
        if (status == ExperimentStatus.Completed) run.Finish();
        else if (status == ExperimentStatus.Failed) run.Finish(new InvalidOperationException("The attack ran out of memory."));
        else if (status == ExperimentStatus.Cancelled) run.Finish(new OperationCanceledException());
        return run.Id;
    }

    /// <summary>Runs SQLite's own consistency check on the database; "ok" when it is intact.</summary>
    public static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        Queue.Dispose();
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
