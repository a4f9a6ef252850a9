// RobustLab.Bench: RobustLab vs PyTorch (Debian python3-torch) on lenet-like/MNIST, same machine, same run:
// one training epoch, inference over the test set, and the input gradient of the loss (what attacks spend
// their time on), at each thread count; prints time ratios and GFLOP/s next to the machine's peak.
using System.Runtime.InteropServices;
using RobustLab.Bench;
using RobustLab.Engine.Data;
using RobustLab.Engine.Tensors;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (options.Kernels)
{
    foreach (int t in options.Threads)
    {
        Parallelism.Threads = t;
        KernelBench.Run();
    }
    return 0;
}

string repoRoot = FindRepositoryRoot();
string dataDir = DataDirectory.Resolve(options.DataDir);
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
await MnistDownloader.EnsureAsync(dataDir, new ConsoleLines(), cts.Token);
var train = Mnist.Load(dataDir, "train").Subset(0, options.TrainImages);
var test = Mnist.Load(dataDir, "test").Subset(0, options.TestImages);

if (options.Profile)
{
    foreach (int t in options.Threads)
    {
        Parallelism.Threads = t;
        Console.WriteLine($"[{t} thread(s)]");
        LayerProfile.Run(train, options.BatchSize, batches: options.Quick ? 20 : 100);
    }
    return 0;
}

string machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSArchitecture}, {CpuModel()}, " +
                 $"Vector512 {(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "yes" : "no")}, .NET {Environment.Version}";
Console.WriteLine($"Machine: {machine}");
double ghz = MachinePeak.MeasureGHz();
Console.WriteLine($"Measured clock: {ghz:F2} GHz → peak {MachinePeak.PeakGflops(1, ghz):F0} GFLOP/s per core ({MachinePeak.FlopsPerCycle} FLOP/cycle)");

var flops = EngineBench.Flops(options.TrainImages, options.TestImages);
var engine = new EngineBench(train, test, options.BatchSize);
var torch = options.Torch
    ? new TorchBench(options.Python, repoRoot, dataDir, options.BatchSize, options.TrainImages, options.TestImages)
    : null;
var rows = new List<BenchRow>();
foreach (int t in options.Threads)
{
    Parallelism.Threads = t;
    double sgemm = MachinePeak.MeasureSgemm();
    double peak = MachinePeak.PeakGflops(t, ghz);
    Console.WriteLine($"[{t} thread(s)] SGEMM 1536³: {sgemm:F0} GFLOP/s (peak {peak:F0})");
    // Rounds alternate the two sides so that a busy spell on the machine hits both; each task keeps its best time.
    TaskTimes? rl = null, pt = null;
    for (int round = 1; round <= options.Repeat; round++)
    {
        var r = engine.Run(t);
        Console.WriteLine($"[{t} thread(s), round {round}] RobustLab: train {r.Train:F2} s, inference {r.Inference:F3} s, input gradient {r.InputGradient:F3} s");
        rl = TaskTimes.Best(rl, r);
        if (torch is null) continue;
        var p = torch.Run(t);
        Console.WriteLine($"[{t} thread(s), round {round}] PyTorch:   train {p.Train:F2} s, inference {p.Inference:F3} s, input gradient {p.InputGradient:F3} s");
        pt = TaskTimes.Best(pt, p);
    }
    rows.Add(new BenchRow("train epoch", t, rl!.Train, pt?.Train, flops.Train / 1e9, peak, sgemm));
    rows.Add(new BenchRow("inference", t, rl.Inference, pt?.Inference, flops.Inference / 1e9, peak, sgemm));
    rows.Add(new BenchRow("input gradient", t, rl.InputGradient, pt?.InputGradient, flops.InputGradient / 1e9, peak, sgemm));
}

var report = new BenchReport(DateTimeOffset.UtcNow, machine, ghz, MachinePeak.FlopsPerCycle, torch?.Version,
    options.BatchSize, options.TrainImages, options.TestImages, options.Repeat, rows);
Console.WriteLine();
Console.WriteLine(report.Notes());
Console.WriteLine();
Console.Write(report.Table());
var (jsonPath, mdPath) = report.Save(Path.Combine(repoRoot, "benchmarks", "results"));
Console.WriteLine();
Console.WriteLine($"Saved {jsonPath} and {mdPath}");
bool win = rows.All(r => r.Ratio is not double q || q <= 1.0);
Console.WriteLine(torch is null ? "PyTorch side skipped (--no-torch)." : win ? "RobustLab is at least as fast as PyTorch on every task." : "RobustLab is slower than PyTorch on at least one task.");
return 0;

// The repository root (holds RobustLab.sln): from the app's folder upwards, else the current directory.
static string FindRepositoryRoot()
{
    foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, DataDirectory.SolutionFile))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}

static string CpuModel()
{
    try
    {
        var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "unknown CPU" : line[(line.IndexOf(':') + 1)..].Trim();
    }
    catch (IOException)
    {
        return "unknown CPU";
    }
}

/// <summary>Progress lines written synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
internal sealed class ConsoleLines : IProgress<string>
{
    public void Report(string value) => Console.WriteLine(value);
}
