using System.Collections.Concurrent;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Data;
using RobustLab.Engine.Metrics;
using RobustLab.Web.Services.Training;

namespace RobustLab.Web.Services.Registry;

/// <summary>Builds model cards, once per model version (by name and SHA-256), shared by every user.</summary>
public sealed class ModelCards(ModelRegistry registry, TrainingData data)
{
    /// <summary>How many test images the clean accuracy counts.</summary>
    public const int Examples = 1000;

    private const int BatchSize = 250;
    private readonly ConcurrentDictionary<(string Name, string Sha256), Lazy<Task<ModelCard>>> _cards = new();

    /// <summary>The card of <paramref name="name"/> (computed on first request; a failure is not kept).</summary>
    /// <exception cref="RegistryException">There is no such model, or it does not load.</exception>
    public Task<ModelCard> GetAsync(string name)
    {
        var model = registry.Find(name) ?? throw new RegistryException($"There is no model called '{name}'.", reason: RegistryRefusal.NotFound);
        var key = (model.Name, model.Sha256);
        var lazy = _cards.GetOrAdd(key, _ => new Lazy<Task<ModelCard>>(() => Task.Run(() => BuildAsync(model))));
        var task = lazy.Value;
        _ = task.ContinueWith(_ => _cards.TryRemove(KeyValuePair.Create(key, lazy)),
            CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        return task;
    }

    private async Task<ModelCard> BuildAsync(RegisteredModel model)
    {
        var trained = registry.Load(model.Name);
        var (shape, classes) = trained.Shape;
        IReadOnlyList<LayerSummary> layers;
        if (model.IsTorchScript) layers = TorchScriptModels.Submodules(trained.Spec(model.Name));
        else layers = ModelSummary.Of(trained.Instantiate(), model.DownloadName, model.Metadata).Layers;
        long parameters = layers.Sum(l => (long)l.Parameters);
        string dataset = model.Metadata.TryGetValue("dataset", out var d) && DatasetCatalog.Names.Contains(d) ? d : DatasetCatalog.DefaultFor(shape);
        AccuracyResult? accuracy = null;
        string? problem = null;
        try
        {
            var test = await data.GetAsync(dataset, "test", CancellationToken.None);
            accuracy = CleanAccuracy(trained.Classifier(), test.Subset(0, Math.Min(Examples, test.Count)));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException)
        {
            problem = $"The {dataset} test set is not available: {e.Message}";
        }
        return new ModelCard(model.Name, model.Architecture, model.IsTorchScript ? "libtorch (TorchScript)" : "native",
            string.Join("×", shape), classes, parameters, layers, dataset, accuracy, problem, trained.NoRetrofitReason);
    }

    // accuracy = (1/N) Σₙ [argmaxₖ logits[n,k] = label[n]], in batches through any classifier.
    private static AccuracyResult CleanAccuracy(IClassifier model, Dataset test)
    {
        try
        {
            var predictions = Evaluator.Predict(model, test.Images, BatchSize);
            return new AccuracyResult(predictions.Where((p, i) => p == test.Labels[i]).Count(), test.Count);
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }
}
