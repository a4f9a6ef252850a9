using RobustLab.Engine.Data;
using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;
using RobustLab.Tests.Cli;

namespace RobustLab.Tests.Attacks;

/// <summary>The committed default models and the first MNIST test images, loaded once for the attack tests.</summary>
internal static class TrainedModel
{
    private static readonly Lazy<Dataset> Test = new(() =>
    {
        string dir = DataDirectory.Resolve(null);
        MnistDownloader.EnsureAsync(dir).GetAwaiter().GetResult();
        return Mnist.Load(dir, "test");
    });

    /// <summary>A fresh instance (one owner per test) of a default model.</summary>
    public static Network Load(string name = ModelZoo.LeNetLike) =>
        ModelFile.Load(Path.Combine(CliRunner.RepositoryRoot, "models", name + ".safetensors"));

    /// <summary>MNIST test examples [offset, offset+count).</summary>
    public static Dataset MnistTest(int count, int offset = 0) => Test.Value.Subset(offset, count);
}
