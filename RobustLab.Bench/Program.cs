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
var torch = options.Torch && !options.AttacksOnly
    ? new TorchBench(options.Python, repoRoot, dataDir, options.BatchSize, options.TrainImages, options.TestImages)
    : null;
var attacks = options.Attacks
    ? new AttackBench(Path.Combine(repoRoot, "models", "lenet-like.safetensors"), test, AttackBench.DefaultImages, options.BatchSize)
    : null;
var libtorch = options.LibTorch ? new LibTorchBench(train, test, options.BatchSize) : null;
string? libtorchVersion = libtorch is null ? null : LibTorchBench.Version;
var attackImages = test.Subset(0, Math.Min(AttackBench.DefaultImages, test.Count));
var attackNotes = new List<string>();
var rows = new List<BenchRow>();
foreach (int t in options.Threads)
{
    if (attacks is not null)
    {
        AttackTimes? ra = null, pa = null;
        (double Pgd, double DeepFool)? la = null;
        for (int round = 1; round <= options.Repeat; round++)
        {
            var r = attacks.RunRobustLab(t);
            Console.WriteLine($"[{t} thread(s), round {round}] RobustLab: {r.Summary()}");
            ra = AttackTimes.Best(ra, r);
            if (libtorch is not null)
            {
                var l = libtorch.RunAttacks(Path.Combine(repoRoot, "models", "lenet-like.safetensors"), attackImages, t);
                Console.WriteLine($"[{t} thread(s), round {round}] libtorch:  PGD-40 {l.Pgd:F2} s, DeepFool {l.DeepFool:F2} s");
                la = la is { } b ? (Math.Min(b.Pgd, l.Pgd), Math.Min(b.DeepFool, l.DeepFool)) : l;
            }
            if (!options.Torch) continue;
            var p = attacks.RunPyTorch(options.Python, repoRoot, dataDir, t);
            Console.WriteLine($"[{t} thread(s), round {round}] PyTorch:   {p.Summary()}");
            pa = AttackTimes.Best(pa, p);
        }
        rows.Add(new BenchRow("PGD-40 L∞ (1,000 images)", t, ra!.Pgd, pa?.Pgd, flops.Inference / 1e9 * AttackBench.DefaultImages / options.TestImages * 2 * 40, double.NaN, double.NaN, la?.Pgd));
        rows.Add(new BenchRow("DeepFool L2 (1,000 images)", t, ra.DeepFool, pa?.DeepFool, double.NaN, double.NaN, double.NaN, la?.DeepFool));
        attackNotes.Add($"{t} thread(s): RobustLab {ra.Summary()}" + (pa is null ? "" : $"; PyTorch {pa.Summary()}"));
        if (options.AttacksOnly) continue;
    }

    Parallelism.Threads = t;
    double sgemm = MachinePeak.MeasureSgemm();
    double peak = MachinePeak.PeakGflops(t, ghz);
    Console.WriteLine($"[{t} thread(s)] SGEMM 1536³: {sgemm:F0} GFLOP/s (peak {peak:F0})");
    // Rounds alternate the two sides so that a busy spell on the machine hits both; each task keeps its best time.
    TaskTimes? rl = null, pt = null, lt = null;
    for (int round = 1; round <= options.Repeat; round++)
    {
        var r = engine.Run(t);
        Console.WriteLine($"[{t} thread(s), round {round}] RobustLab: train {r.Train:F2} s, inference {r.Inference:F3} s, input gradient {r.InputGradient:F3} s");
        rl = TaskTimes.Best(rl, r);
        if (libtorch is not null)
        {
            var l = libtorch.Run(t);
            Console.WriteLine($"[{t} thread(s), round {round}] libtorch:  train {l.Train:F2} s, inference {l.Inference:F3} s, input gradient {l.InputGradient:F3} s");
            lt = TaskTimes.Best(lt, l);
        }
        if (torch is null) continue;
        var p = torch.Run(t);
        Console.WriteLine($"[{t} thread(s), round {round}] PyTorch:   train {p.Train:F2} s, inference {p.Inference:F3} s, input gradient {p.InputGradient:F3} s");
        pt = TaskTimes.Best(pt, p);
    }
    rows.Add(new BenchRow("train epoch", t, rl!.Train, pt?.Train, flops.Train / 1e9, peak, sgemm, lt?.Train));
    rows.Add(new BenchRow("inference", t, rl.Inference, pt?.Inference, flops.Inference / 1e9, peak, sgemm, lt?.Inference));
    rows.Add(new BenchRow("input gradient", t, rl.InputGradient, pt?.InputGradient, flops.InputGradient / 1e9, peak, sgemm, lt?.InputGradient));
}

var report = new BenchReport(DateTimeOffset.UtcNow, machine, ghz, MachinePeak.FlopsPerCycle, torch?.Version ?? attacks?.TorchVersion,
    options.BatchSize, options.TrainImages, options.TestImages, options.Repeat, rows, attackNotes, libtorchVersion);
Console.WriteLine();
Console.WriteLine(report.Notes());
Console.WriteLine();
Console.Write(report.Table());
var (jsonPath, mdPath) = report.Save(Path.Combine(repoRoot, "benchmarks", "results"));
Console.WriteLine();
Console.WriteLine($"Saved {jsonPath} and {mdPath}");
bool win = rows.All(r => r.Ratio is not double q || q <= 1.0);
Console.WriteLine(!options.Torch && libtorch is null ? "PyTorch and libtorch sides skipped." : win
    ? "RobustLab is at least as fast as the better of PyTorch and libtorch on every task."
    : "RobustLab is slower than the better of PyTorch and libtorch on at least one task.");
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
