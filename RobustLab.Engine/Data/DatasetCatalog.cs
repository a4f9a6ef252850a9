namespace RobustLab.Engine.Data;

/// <summary>The data sets by name ("mnist", "fashion-mnist", "cifar10"), so the CLI and the web app pick them the same way.</summary>
public static class DatasetCatalog
{
    public const string Mnist = "mnist", FashionMnist = "fashion-mnist", Cifar10 = "cifar10";

    public static IReadOnlyList<string> Names { get; } = [Mnist, FashionMnist, Cifar10];

    /// <summary>Loads split "train" or "test" of the named data set from <paramref name="dataDir"/>.</summary>
    public static Dataset Load(string name, string dataDir, string split) => name switch
    {
        Mnist => Data.Mnist.Load(dataDir, split),
        FashionMnist => Data.FashionMnist.Load(dataDir, split),
        Cifar10 => Data.Cifar10.Load(dataDir, split),
        _ => throw new ArgumentException($"Unknown data set '{name}'. Known: {string.Join(", ", Names)}."),
    };

    /// <summary>The data set an architecture was built for: MNIST for 1×28×28 inputs, CIFAR-10 for 3×32×32.</summary>
    public static string DefaultFor(int[] inputShape) => inputShape switch
    {
        [1, 28, 28] => Mnist,
        [3, 32, 32] => Cifar10,
        _ => throw new ArgumentException($"No data set has examples of shape [{string.Join(",", inputShape)}]."),
    };
}
