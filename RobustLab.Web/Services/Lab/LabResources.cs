using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RobustLab.Engine.Data;
using RobustLab.Engine.Metrics;
using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;
using RobustLab.Web.Services.Imaging;

namespace RobustLab.Web.Services.Lab;

/// <summary>What every Lab circuit shares, loaded once: the MNIST models in the models folder, the MNIST test set, each model's test predictions (for the gallery) and thumbnails.</summary>
/// <remarks>
/// A singleton. Weights, the test set and predictions are immutable once loaded; each circuit builds its own
/// network instances from the shared weights (one owner per instance). A load that fails is forgotten, so the
/// next call tries again (e.g. after the file was fixed).
/// </remarks>
public sealed class LabResources(LabPaths paths, IOptions<LabOptions> options, ILogger<LabResources> logger)
{
    private static readonly int[] MnistShape = [1, 28, 28];
    private static readonly ConcurrentDictionary<string, bool> TakesMnist = new();
    private readonly LabOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Lazy<Task<TrainedModel>>> _models = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<int[]>>> _predictions = new();
    private readonly ConcurrentDictionary<int, string> _thumbnails = new();
    private readonly Lock _lock = new();
    private Task<Dataset>? _testSet;

    /// <summary>The default model's name (appsettings RobustLab:DefaultModel).</summary>
    public string DefaultModel => _options.DefaultModel;

    /// <summary>Models in the models folder that take 28×28 grey images (MNIST), the default first, then by name.</summary>
    public IReadOnlyList<string> ModelNames()
    {
        if (!Directory.Exists(paths.ModelsDirectory)) return [];
        return Directory.EnumerateFiles(paths.ModelsDirectory, "*.safetensors")
            .Where(IsMnistModel)
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .OrderBy(n => n == DefaultModel ? 0 : 1).ThenBy(n => n, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The trained weights of a model in the models folder.</summary>
    public Task<TrainedModel> ModelAsync(string name) => Cached(_models, name, () => Task.Run(() =>
    {
        if (!ModelNames().Contains(name)) throw new FileNotFoundException($"No MNIST model '{name}' in {paths.ModelsDirectory}.");
        var network = ModelFile.Load(paths.ModelFile(name));
        logger.LogInformation("Lab: loaded {Model} ({Architecture}).", name, network.Architecture);
        return new TrainedModel(network);
    }));

    /// <summary>The MNIST test set (fetched first when allowed and missing).</summary>
    public Task<Dataset> TestSetAsync()
    {
        lock (_lock)
        {
            if (_testSet is { IsFaulted: false, IsCanceled: false }) return _testSet;
            return _testSet = Task.Run(async () =>
            {
                if (_options.DownloadMnist) await MnistDownloader.EnsureAsync(paths.DataDirectory);
                return Mnist.Load(paths.DataDirectory, "test");
            });
        }
    }

    /// <summary>The undefended model's prediction for every test image (for "show me the ones it gets wrong").</summary>
    public Task<int[]> PredictionsAsync(string model) => Cached(_predictions, model, async () =>
    {
        var weights = await ModelAsync(model);
        var testSet = await TestSetAsync();
        return await Task.Run(() => Evaluator.Predict(weights.Instantiate(), testSet.Images));
    });

    /// <summary>Test image <paramref name="index"/> as a 28×28 PNG data URL (ink dark on white).</summary>
    public string Thumbnail(Dataset testSet, int index) => _thumbnails.GetOrAdd(index, i =>
        ImageRenderer.DataUrl(testSet.Images.Data.AsSpan(i * 784, 784), 28, 28, Colormap.Greys, 0, 1));

    private bool IsMnistModel(string file)
    {
        try
        {
            var metadata = ModelFile.ReadMetadata(file);
            return metadata.TryGetValue(ModelFile.ArchitectureKey, out var architecture)
                && ModelZoo.Names.Contains(architecture)
                && TakesMnist.GetOrAdd(architecture, a => ModelZoo.Create(a).InputShape.AsSpan().SequenceEqual(MnistShape));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
        {
            logger.LogWarning("Lab: skipping {File}: {Message}", file, e.Message);
            return false;
        }
    }

    // A load shared by all callers; a failed one is removed so that the next call retries.
    private static Task<T> Cached<T>(ConcurrentDictionary<string, Lazy<Task<T>>> cache, string key, Func<Task<T>> load)
    {
        var lazy = cache.GetOrAdd(key, _ => new Lazy<Task<T>>(load));
        var task = lazy.Value;
        _ = task.ContinueWith(t => cache.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(key, lazy)),
            CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        return task;
    }
}
