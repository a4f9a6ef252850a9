using RobustLab.Engine.Experiments;
using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;

namespace RobustLab.Tests.Experiments;

/// <summary>A trained model is reused only when its recipe matches; --retrain or another recipe trains it again.</summary>
public sealed class ModelCacheTests
{
    [Fact]
    public void Reuses_a_model_trained_with_the_same_recipe_and_retrains_otherwise()
    {
        using var temp = new TempDirectory();
        var log = new List<string>();
        var context = new ExperimentContext("data", "models", temp.Root, Log: log.Add);
        string path = temp.File("m.safetensors");
        int trained = 0;
        Network Train() { trained++; return ModelZoo.Create(ModelZoo.LeNetLike, seed: trained); }
        var recipe = new Dictionary<string, string> { ["seed"] = "1", ["epochs"] = "2" };

        var first = ModelCache.GetOrTrain(context, path, recipe, Train);
        var reused = ModelCache.GetOrTrain(context, path, recipe, Train);
        Assert.Equal(1, trained);
        Assert.Equal(first.StateDict()["fc3.weight"].Data, reused.StateDict()["fc3.weight"].Data);
        Assert.Equal("2", ModelFile.ReadMetadata(path)["epochs"]);
        Assert.Contains(log, l => l.Contains("reusing"));

        ModelCache.GetOrTrain(context, path, new Dictionary<string, string>(recipe) { ["epochs"] = "3" }, Train);
        Assert.Equal(2, trained);
        Assert.Contains(log, l => l.Contains("other settings (epochs)"));
        Assert.Equal("3", ModelFile.ReadMetadata(path)["epochs"]);

        ModelCache.GetOrTrain(context with { Retrain = true }, path, new Dictionary<string, string>(recipe) { ["epochs"] = "3" }, Train);
        Assert.Equal(3, trained);
    }
}
