using RobustLab.Engine.Attacks;
using RobustLab.Engine.Sweeps;
using RobustLab.Tests.Attacks;

namespace RobustLab.Tests.Sweeps;

/// <summary>The default model as a spec, setups on the first MNIST test images, and helpers to drain a sweep.</summary>
internal static class SweepFixture
{
    private static readonly Lazy<ModelSpec> LeNet = new(() => ModelSpec.From(TrainedModel.Load(), "lenet-like"));

    public static ModelSpec Model => LeNet.Value;

    public static SweepSetup Setup(int count, string? attack = null, AttackSettings? settings = null, int batchSize = 256, int offset = 0) =>
        new(Model, TrainedModel.MnistTest(count, offset), attack, settings, BatchSize: batchSize);

    public static async Task<List<SweepPoint>> AllAsync(SweepRequest request, IProgress<SweepProgress>? progress = null)
    {
        var points = new List<SweepPoint>();
        await foreach (var p in SweepRunner.RunAsync(request, progress)) points.Add(p);
        return points;
    }

    /// <summary>Records every report synchronously, in order (System.Progress would post them to the thread pool).</summary>
    public sealed class Recorder(Action<SweepProgress>? onReport = null) : IProgress<SweepProgress>
    {
        public List<SweepProgress> Reports { get; } = [];

        public void Report(SweepProgress value)
        {
            lock (Reports) Reports.Add(value);
            onReport?.Invoke(value);
        }
    }
}
