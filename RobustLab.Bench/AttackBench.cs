// Attack tasks of the benchmark: PGD-40 (L∞, ε 0.3, α 0.01, no random start; Madry et al. 2018) and DeepFool
// (L2, η 0.02, ≤ 50 iterations, all classes; Moosavi-Dezfooli et al. 2016, Alg. 2) on a trained model, through the
// real AttackCatalog attacks, batch by batch; the PyTorch twin is tools/bench_torch_attacks.py (same data, same weights).
using System.Diagnostics;
using System.Text.Json;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Data;
using RobustLab.Engine.Serialization;
using RobustLab.Engine.Tensors;

namespace RobustLab.Bench;

/// <summary>One side's attack times and the cross-check numbers (PGD adversarial accuracy; DeepFool fooled count and mean L2 over the fooled).</summary>
internal sealed record AttackTimes(double Pgd, double DeepFool, double PgdAccuracy, int Fooled, int Correct, double MeanL2)
{
    /// <summary>The faster time of each task (the cross-check numbers are deterministic, so either round's do).</summary>
    public static AttackTimes Best(AttackTimes? a, AttackTimes b) => a is null ? b
        : b with { Pgd = Math.Min(a.Pgd, b.Pgd), DeepFool = Math.Min(a.DeepFool, b.DeepFool) };

    public string Summary() =>
        $"PGD-40 {Pgd:F2} s (adversarial accuracy {PgdAccuracy:P1}), DeepFool {DeepFool:F2} s (fooled {Fooled}/{Correct}, mean L2 {MeanL2:F4})";
}

/// <summary>RobustLab's and PyTorch's PGD-40 and DeepFool over the first <paramref name="images"/> test images.</summary>
internal sealed class AttackBench(string modelPath, Dataset test, int images, int batchSize)
{
    public const int DefaultImages = 1_000;

    internal static readonly AttackSettings PgdSettings = new(LpNorm.Linf, 0.3f, Steps: 40, StepSize: 0.01f, RandomStart: false);
    internal static readonly AttackSettings DeepFoolSettings = new(LpNorm.L2, float.PositiveInfinity, Steps: 50);

    private readonly Dataset data = test.Subset(0, Math.Min(images, test.Count));

    /// <summary>The torch version reported by the last PyTorch run.</summary>
    public string? TorchVersion { get; private set; }

    public AttackTimes RunRobustLab(int threads)
    {
        Parallelism.Threads = threads;
        var model = new NetworkClassifier(ModelFile.Load(modelPath));
        var warm = data.Subset(0, Math.Min(batchSize, data.Count));
        for (int pass = 0; pass < 2; pass++)
        {
            Attack(model, AttackCatalog.Create("pgd", PgdSettings with { Steps = 3 }), warm);
            Attack(model, AttackCatalog.Create("deepfool", DeepFoolSettings with { Steps = 3 }), warm);
            Thread.Sleep(200); // JIT tier-up
        }
        var clock = Stopwatch.StartNew();
        var pgd = Attack(model, AttackCatalog.Create("pgd", PgdSettings), data);
        double pgdSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var deepFool = Attack(model, AttackCatalog.Create("deepfool", DeepFoolSettings), data);
        double deepFoolSeconds = clock.Elapsed.TotalSeconds;
        int correct = 0, fooled = 0;
        double l2 = 0;
        for (int i = 0; i < data.Count; i++)
        {
            if (pgd.Clean[i] != data.Labels[i]) continue;
            correct++;
            if (deepFool.Adversarial[i] == data.Labels[i]) continue;
            fooled++;
            l2 += deepFool.L2[i];
        }
        int pgdCorrect = Enumerable.Range(0, data.Count).Count(i => pgd.Adversarial[i] == data.Labels[i]);
        return new AttackTimes(pgdSeconds, deepFoolSeconds, (double)pgdCorrect / data.Count, fooled, correct, fooled > 0 ? l2 / fooled : double.NaN);
    }

    public AttackTimes RunPyTorch(string python, string repoRoot, string dataDir, int threads)
    {
        string script = Path.Combine(repoRoot, "tools", "bench_torch_attacks.py");
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { script, "--data-dir", dataDir, "--model", modelPath, "--threads", threads.ToString(),
                     "--batch", batchSize.ToString(), "--images", data.Count.ToString() })
            start.ArgumentList.Add(a);
        start.Environment["OMP_NUM_THREADS"] = threads.ToString();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python}.");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{python} {script} failed (exit {process.ExitCode}):\n{stderr.Result}");
        var root = JsonDocument.Parse(stdout).RootElement;
        TorchVersion = root.GetProperty("torch").GetString();
        var pgd = root.GetProperty("pgd");
        var df = root.GetProperty("deepfool");
        return new AttackTimes(pgd.GetProperty("seconds").GetDouble(), df.GetProperty("seconds").GetDouble(),
            pgd.GetProperty("adversarial_accuracy").GetDouble(), df.GetProperty("fooled").GetInt32(), df.GetProperty("correct").GetInt32(),
            df.GetProperty("mean_l2").ValueKind == JsonValueKind.Number ? df.GetProperty("mean_l2").GetDouble() : double.NaN);
    }

    // The attack batch by batch; returns clean and adversarial predictions and the L2 of each perturbation.
    private (int[] Clean, int[] Adversarial, float[] L2) Attack(IClassifier model, Attack attack, Dataset set)
    {
        var clean = new List<int>(set.Count);
        var adversarial = new List<int>(set.Count);
        var l2 = new List<float>(set.Count);
        for (int s = 0; s < set.Count; s += batchSize)
        {
            int count = Math.Min(batchSize, set.Count - s);
            var result = attack.Run(model, set.Images.Slice(s, count), set.Labels.AsSpan(s, count).ToArray());
            clean.AddRange(result.CleanPredictions);
            adversarial.AddRange(result.AdversarialPredictions);
            l2.AddRange(result.L2);
        }
        return (clean.ToArray(), adversarial.ToArray(), l2.ToArray());
    }
}
