using RobustLab.Engine.Data;
using RobustLab.Engine.Metrics;
using RobustLab.Engine.Serialization;
using RobustLab.Tests.Cli;

namespace RobustLab.Tests.Models;

/// <summary>The committed default models meet their promised MNIST test accuracy (all 10,000 test images).</summary>
public sealed class DefaultModelTests
{
    [Theory]
    [InlineData("lenet-like", 0.990)]
    [InlineData("borji-mnist", 0.985)]
    public async Task Default_model_meets_its_accuracy(string name, double minimum)
    {
        string dataDir = DataDirectory.Resolve(null);
        await MnistDownloader.EnsureAsync(dataDir);
        var net = ModelFile.Load(Path.Combine(CliRunner.RepositoryRoot, "models", name + ".safetensors"));
        Assert.Equal(name, net.Architecture);
        float accuracy = Evaluator.Accuracy(net, Mnist.Load(dataDir, "test"));
        Assert.True(accuracy >= minimum, $"{name}: test accuracy {accuracy:P2} < {minimum:P1}");
    }
}
