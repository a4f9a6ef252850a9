using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;

namespace RobustLab.Engine.Experiments;

/// <summary>Models an experiment trains, kept in its output folder with their recipe in the file's metadata, so a rerun reuses them.</summary>
/// <remarks>
/// A cached file is reused only when every recipe entry (seed, data, epochs, attack, ε, ...) equals the one asked for;
/// otherwise, or when <see cref="ExperimentContext.Retrain"/> is set, the model is trained again and the file replaced (atomically).
/// </remarks>
public static class ModelCache
{
    /// <summary>The model at <paramref name="path"/> if it was trained with <paramref name="recipe"/>; otherwise trains it with
    /// <paramref name="train"/> and saves it there with the recipe as metadata.</summary>
    public static Network GetOrTrain(ExperimentContext context, string path, IReadOnlyDictionary<string, string> recipe, Func<Network> train)
    {
        if (!context.Retrain && File.Exists(path))
        {
            var metadata = ModelFile.ReadMetadata(path);
            var different = recipe.Where(e => !metadata.TryGetValue(e.Key, out var v) || v != e.Value).Select(e => e.Key).ToList();
            if (different.Count == 0)
            {
                context.Report($"  reusing {path} (trained with the same settings; --retrain trains it again)");
                return ModelFile.Load(path, seed: context.Seed);
            }
            context.Report($"  {path} was trained with other settings ({string.Join(", ", different)}): training again");
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var network = train();
        var saved = new Dictionary<string, string>(recipe)
        {
            ["software"] = "RobustLab " + typeof(Network).Assembly.GetName().Version,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        ModelFile.Save(network, path, saved);
        context.Report($"  trained and saved {path} in {clock.Elapsed.TotalSeconds:F1} s");
        return network;
    }
}
