using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Data;
using RobustLab.Engine.Metrics;
using RobustLab.Engine.Models;
using RobustLab.Engine.Tensors;
using RobustLab.Web.Services.Imaging;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Training;

namespace RobustLab.Web.Services.Lab;

/// <summary>What every Lab circuit shares: the registry's MNIST models, the MNIST test set, each model's test predictions (for the gallery) and thumbnails.</summary>
/// <remarks>
/// A singleton over the model registry and the shared data sets. Weights, the test set and predictions are immutable
/// once loaded; each circuit builds its own network instances from the shared weights (one owner per instance).
/// A failed load is not cached, so the next call tries again.
/// </remarks>
public sealed class LabResources(ModelRegistry registry, TrainingData data, IOptions<LabOptions> options)
{
    private static readonly int[] MnistShape = [1, 28, 28];
    private static readonly ConcurrentDictionary<string, bool> TakesMnist = new();
    private readonly ConcurrentDictionary<(string Model, string Sha256), Lazy<Task<int[]>>> _predictions = new();
    private readonly ConcurrentDictionary<int, string> _thumbnails = new();

    /// <summary>The default model's name (appsettings RobustLab:DefaultModel).</summary>
    public string DefaultModel => options.Value.DefaultModel;

    /// <summary>The registry, whose <see cref="ModelRegistry.Changed"/> says when models come and go.</summary>
    public ModelRegistry Registry => registry;

    /// <summary>The registry's models that take 28×28 grey images (MNIST): the default first, then the built-ins, then the registered ones.</summary>
    public IReadOnlyList<string> ModelNames() =>
        registry.List().Where(IsMnist)
            .OrderBy(m => m.Name == DefaultModel ? 0 : m.IsBuiltIn ? 1 : 2)
            .Select(m => m.Name).ToList();

    /// <summary>The trained weights of a model of the registry, shared.</summary>
    /// <exception cref="RegistryException">There is no such model, or its file does not load.</exception>
    public Task<TrainedModel> ModelAsync(string name) => Task.Run(() => registry.Load(name));

    /// <summary>The MNIST test set (fetched first when allowed and missing), shared with the rest of the app.</summary>
    public Task<Dataset> TestSetAsync(CancellationToken cancellationToken = default) =>
        data.GetAsync(DatasetCatalog.Mnist, "test", cancellationToken);

    /// <summary>The undefended model's prediction for every test image (for "only the ones it gets wrong").</summary>
    public Task<int[]> PredictionsAsync(string model)
    {
        var key = (model, registry.Find(model)?.Sha256 ?? "");
        var lazy = _predictions.GetOrAdd(key, k => new Lazy<Task<int[]>>(async () =>
        {
            var weights = await ModelAsync(k.Model);
            var testSet = await TestSetAsync();
            return await Task.Run(() => Predict(weights.Classifier(), testSet.Images));
        }));
        var task = lazy.Value;
        _ = task.ContinueWith(_ => _predictions.TryRemove(KeyValuePair.Create(key, lazy)),
            CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        return task;
    }

    /// <summary>Test image <paramref name="index"/> as a 28×28 PNG data URL (ink dark on white).</summary>
    public string Thumbnail(Dataset testSet, int index) => _thumbnails.GetOrAdd(index, i =>
        ImageRenderer.DataUrl(testSet.Images.Data.AsSpan(i * 784, 784), 28, 28, Colormap.Greys, 0, 1));

    /// <summary>Null when the model's activations can be retrofitted; else why not (a TorchScript model), for the Lab's controls.</summary>
    public string? NoRetrofitReason(string model) => registry.Find(model) is { IsTorchScript: true } ? TorchScriptModels.NoRetrofitReason : null;

    // Arg-max of the logits for every image (any classifier: an engine network or a TorchScript model, disposed after).
    private static int[] Predict(IClassifier model, Tensor images)
    {
        try
        {
            return Evaluator.Predict(model, images);
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    private static bool IsMnist(RegisteredModel model) => model.IsTorchScript
        ? model.InputShape.AsSpan().SequenceEqual(MnistShape)
        : ModelZoo.Names.Contains(model.Architecture)
          && TakesMnist.GetOrAdd(model.Architecture, a => ModelZoo.Create(a).InputShape.AsSpan().SequenceEqual(MnistShape));
}
