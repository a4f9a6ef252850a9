using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RobustLab.Engine.Data;
using RobustLab.Tests.Cli;
using RobustLab.Web.Services;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Limits;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Training;

namespace RobustLab.Tests.Web.Lab;

/// <summary>The Lab's computation as the app wires it, on the committed models and real MNIST, with an empty registry in a
/// temporary directory (deleted on dispose).</summary>
internal sealed class CommittedModelLab : IDisposable
{
    private readonly TempDirectory _registry = new();

    public ModelRegistry Registry { get; }
    public TrainingData Data { get; }
    public LabResources Resources { get; }
    public LabService Service { get; }

    /// <param name="allowTorchScript">RobustLab:Registry:AllowTorchScript (off in the app's defaults).</param>
    public CommittedModelLab(bool allowTorchScript = false)
    {
        var root = CliRunner.RepositoryRoot;
        var models = Path.Combine(root, "models");
        var options = Options.Create(new LabOptions());
        var paths = LabPaths.Resolve(new LabOptions { ModelsDirectory = models, DataDirectory = DataDirectory.Resolve(null), RegistryDirectory = _registry.Root }, root);
        Registry = new ModelRegistry(new ModelRegistrySettings(_registry.Root, models, 1 << 26, AllowTorchScript: allowTorchScript), NullLogger<ModelRegistry>.Instance);
        Data = new TrainingData(paths, options, NullLogger<TrainingData>.Instance);
        Resources = new LabResources(Registry, Data, options);
        Service = new LabService(Resources, Options.Create(new LimitsOptions()), NullLogger<LabService>.Instance);
    }

    public void Dispose()
    {
        Service.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // the registry's database, so its directory can go
        _registry.Dispose();
    }
}
