using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RobustLab.Engine.Data;
using RobustLab.Tests.Cli;
using RobustLab.Web.Services;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Limits;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Training;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Tests.Web.Tradeoffs;

/// <summary>The real services behind the Trade-offs page: the job queue, the registry of the repository's models, MNIST.</summary>
public sealed class SweepLab : IDisposable
{
    private readonly TempDirectory _temp = new();

    public SweepLab()
    {
        _ = Attacks.TrainedModel.MnistTest(1); // fetches MNIST if it is missing (as the attack tests do)
        string root = CliRunner.RepositoryRoot, models = Path.Combine(root, "models");
        Queue = new JobQueue(Options.Create(new JobQueueOptions { Concurrency = 2 }), NullLogger<JobQueue>.Instance);
        Registry = new ModelRegistry(new ModelRegistrySettings(_temp.File("registry"), models, 1 << 26), NullLogger<ModelRegistry>.Instance);
        Data = new TrainingData(new LabPaths(root, models, DataDirectory.Resolve(null)), Options.Create(new LabOptions { DownloadMnist = false }),
            NullLogger<TrainingData>.Instance);
    }

    public JobQueue Queue { get; }
    public ModelRegistry Registry { get; }
    public TrainingData Data { get; }

    /// <summary>A user's session and the circuit scope whose end cancels its job.</summary>
    /// <param name="limits">RobustLab:Limits (the defaults when null).</param>
    public (SweepSession Session, CircuitJobs Circuit) Open(LimitsOptions? limits = null)
    {
        var circuit = new CircuitJobs(Queue);
        return (new SweepSession(circuit, Registry, Data, Options.Create(limits ?? new LimitsOptions()), NullLogger<SweepSession>.Instance), circuit);
    }

    public void Dispose()
    {
        Queue.Dispose();
        _temp.Dispose();
    }
}
