using RobustLab.Engine.Data;

namespace RobustLab.Tests.Defenses;

/// <summary>The MNIST training set, loaded once for the defense tests.</summary>
internal static class MnistTrain
{
    private static readonly Lazy<Dataset> Train = new(() =>
    {
        string dir = DataDirectory.Resolve(null);
        MnistDownloader.EnsureAsync(dir).GetAwaiter().GetResult();
        return Mnist.Load(dir, "train");
    });

    /// <summary>MNIST training examples [offset, offset+count).</summary>
    public static Dataset Subset(int count, int offset = 0) => Train.Value.Subset(offset, count);
}
