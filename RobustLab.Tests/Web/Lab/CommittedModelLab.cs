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

    public LabService Service { get; }

    /// <summary>The Lab's shared resources (test set, thumbnails, models) over <see cref="Registry"/>.</summary>
    public LabResources Resources { get; }

    /// <summary>The registry the Lab reads its models from (empty but for the committed built-ins).</summary>
    public ModelRegistry Registry { get; }

    public CommittedModelLab()
    {
        var root = CliRunner.RepositoryRoot;
        var models = Path.Combine(root, "models");
        var options = Options.Create(new LabOptions());
        var paths = LabPaths.Resolve(new LabOptions { ModelsDirectory = models, DataDirectory = DataDirectory.Resolve(null), RegistryDirectory = _registry.Root }, root);
        var registry = Registry = new ModelRegistry(new ModelRegistrySettings(_registry.Root, models, 1 << 26), NullLogger<ModelRegistry>.Instance);
        var resources = Resources = new LabResources(registry, new TrainingData(paths, options, NullLogger<TrainingData>.Instance), options);
        Service = new LabService(resources, Options.Create(new LimitsOptions()), NullLogger<LabService>.Instance);
    }

    public void Dispose()
    {
        Service.Dispose();
        _registry.Dispose();
    }
}
