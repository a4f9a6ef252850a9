// MnistRealDataTests: fetches the real MNIST (if needed) into the shared data directory with
// MnistDownloader — exactly what `robustlab data mnist` does — and checks the test split's contents.
using RobustLab.Engine.Data;
using Xunit.Abstractions;

namespace RobustLab.Tests.Data;

public sealed class MnistRealDataTests(ITestOutputHelper output)
{
    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to a thread pool and interleave).</summary>
    private sealed class Lines(ITestOutputHelper output) : IProgress<string>
    {
        public List<string> All { get; } = [];

        public void Report(string value)
        {
            lock (All) All.Add(value);
            output.WriteLine(value);
        }
    }

    [Fact]
    public async Task Real_mnist_test_split_has_the_known_contents()
    {
        string dataDir = DataDirectory.Resolve(null);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await MnistDownloader.EnsureAsync(dataDir, new Lines(output), cts.Token);

        var test = Mnist.Load(dataDir, "test");

        Assert.Equal(10_000, test.Count);
        Assert.Equal([10_000, 1, 28, 28], test.Images.Shape);
        Assert.Equal(7, test.Labels[0]);
        int[] perClass = new int[10];
        foreach (int label in test.Labels) perClass[label]++;
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], perClass);
        Assert.Equal(10_000, perClass.Sum());
        Assert.Equal(0f, test.Images.Data.Min());
        Assert.Equal(1f, test.Images.Data.Max());
        Assert.Equal(264_923_200L, test.Images.Data.Sum(p => (long)MathF.Round(p * 255f)));

        var again = new Lines(output);
        await MnistDownloader.EnsureAsync(dataDir, again, cts.Token);
        Assert.Equal([$"MNIST: already present and verified in {Mnist.DirectoryIn(dataDir)}"], again.All);
    }
}
