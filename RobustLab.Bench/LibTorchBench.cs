// The libtorch side of the benchmark, in this process: libtorch 2.10 through TorchSharp (RobustLab.Torch), on the same
// lenet-like network, data and batches as the engine (EngineBench) and Debian's PyTorch 1.13 (tools/bench_torch.py).
using System.Diagnostics;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Data;
using RobustLab.Engine.Models;
using RobustLab.Engine.Sweeps;
using RobustLab.Engine.Tensors;
using RobustLab.Torch;
using RobustLab.Torch.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace RobustLab.Bench;

/// <summary>
/// train: one epoch, Adam (lr 1e-3), batch B, shuffled with seed 0, dropout on, mean cross-entropy, loss.backward();
/// inference: no_grad forward in eval mode; input gradient: <see cref="TorchClassifier.InputGradient"/> (what attacks call,
/// engine tensors in and out); PGD-40 and DeepFool: the engine's own attacks (AttackCatalog) on a <see cref="TorchClassifier"/>.
/// libtorch's intra-op threads = the thread count (torch.set_num_threads). Each task runs once on a few batches first (warm-up).
/// </summary>
internal sealed class LibTorchBench(Dataset train, Dataset test, int batchSize)
{
    private const int WarmupBatches = 10;

    public static string Version
    {
        get
        {
            LibTorch.EnsureLoaded();
            return $"libtorch {LibTorch.Version} (TorchSharp, same process)";
        }
    }

    public TaskTimes Run(int threads)
    {
        Parallelism.Threads = threads;
        LibTorch.ApplyThreads(threads);
        var warm = WarmupBatches * batchSize;
        Train(train.Subset(0, warm));
        using var model = Classifier();
        Inference(model, test.Subset(0, warm));
        InputGradient(model, test.Subset(0, warm));
        return new TaskTimes(Time(() => Train(train)), Time(() => Inference(model, test)), Time(() => InputGradient(model, test)));
    }

    /// <summary>PGD-40 and DeepFool seconds over <paramref name="images"/> with the settings of <see cref="AttackBench"/>.</summary>
    public (double Pgd, double DeepFool) RunAttacks(string modelPath, Dataset images, int threads)
    {
        Parallelism.Threads = threads;
        LibTorch.ApplyThreads(threads);
        var spec = ModelSpec.Load(modelPath) with { Backend = new TorchBackend() };
        var model = spec.CreateClassifier();
        var pgd = AttackCatalog.Create("pgd", AttackBench.PgdSettings);
        var deepFool = AttackCatalog.Create("deepfool", AttackBench.DeepFoolSettings);
        Attack(model, AttackCatalog.Create("pgd", AttackBench.PgdSettings with { Steps = 3 }), images.Subset(0, Math.Min(batchSize, images.Count)));
        return (Time(() => Attack(model, pgd, images)), Time(() => Attack(model, deepFool, images)));
    }

    private static TorchClassifier Classifier()
    {
        var network = ModelZoo.Create(ModelZoo.LeNetLike, seed: 0);
        var module = TorchNetwork.From(network);
        return new TorchClassifier(module, module.forward, network.InputShape, network.Classes, "lenet-like (libtorch)", CPU);
    }

    private void Train(Dataset data)
    {
        var module = TorchNetwork.From(ModelZoo.Create(ModelZoo.LeNetLike, seed: 0));
        module.train();
        using var optimizer = optim.Adam(module.parameters(), lr: 1e-3);
        var order = Enumerable.Range(0, data.Count).ToArray();
        new Random(0).Shuffle(order);
        var labels = data.Labels;
        for (int start = 0; start < data.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var idx = order.AsSpan(start, Math.Min(batchSize, data.Count - start));
            var (images, y) = data.Batch(idx);
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(module.forward(TensorBridge.ToTorch(images)), tensor(y.Select(v => (long)v).ToArray()));
            loss.backward();
            optimizer.step();
        }
        module.Dispose();
    }

    private void Inference(IClassifier model, Dataset data)
    {
        for (int start = 0; start < data.Count; start += batchSize)
            model.Logits(data.Images.Slice(start, Math.Min(batchSize, data.Count - start)));
    }

    private void InputGradient(IClassifier model, Dataset data)
    {
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int count = Math.Min(batchSize, data.Count - start);
            model.InputGradient(data.Images.Slice(start, count), Losses.CrossEntropy(data.Labels.AsSpan(start, count).ToArray()));
        }
    }

    private void Attack(IClassifier model, Attack attack, Dataset set)
    {
        for (int s = 0; s < set.Count; s += batchSize)
        {
            int count = Math.Min(batchSize, set.Count - s);
            attack.Run(model, set.Images.Slice(s, count), set.Labels.AsSpan(s, count).ToArray());
        }
    }

    private static double Time(Action run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var clock = Stopwatch.StartNew();
        run();
        return clock.Elapsed.TotalSeconds;
    }
}
