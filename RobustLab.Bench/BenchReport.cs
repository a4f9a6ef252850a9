using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RobustLab.Bench;

/// <summary>One row of the result table: a task at a thread count.</summary>
/// <param name="LibTorchSeconds">libtorch 2.10 through TorchSharp in this process (RobustLab.Torch), when run.</param>
internal sealed record BenchRow(string Task, int Threads, double RobustLabSeconds, double? PyTorchSeconds, double Gflops, double PeakGflops, double SgemmGflops,
    double? LibTorchSeconds = null)
{
    /// <summary>The better (smaller) of the PyTorch and libtorch times, when either ran.</summary>
    public double? BestTorchSeconds => (PyTorchSeconds, LibTorchSeconds) switch
    {
        (double p, double l) => Math.Min(p, l),
        (double p, null) => p,
        (null, double l) => l,
        _ => null,
    };

    /// <summary>RobustLab time / the better of PyTorch's and libtorch's (≤ 1: RobustLab is at least as fast as both).</summary>
    public double? Ratio => BestTorchSeconds is double p ? RobustLabSeconds / p : null;

    public double RobustLabGflops => Gflops / RobustLabSeconds;
}

/// <summary>The whole run: machine, settings and rows; printed as a table and saved as JSON and Markdown.</summary>
internal sealed record BenchReport(
    DateTimeOffset When, string Machine, double ClockGHz, int FlopsPerCycle, string? TorchVersion,
    int BatchSize, int TrainImages, int TestImages, int Repeat, IReadOnlyList<BenchRow> Rows, IReadOnlyList<string>? AttackNotes = null,
    string? LibTorchVersion = null)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Table()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"| task | threads | RobustLab s | PyTorch s | libtorch s | ratio RL/best | RL GFLOP/s | peak GFLOP/s | SGEMM GFLOP/s |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in Rows)
            sb.AppendLine(string.Create(Inv,
                $"| {r.Task} | {r.Threads} | {r.RobustLabSeconds:F3} | {(r.PyTorchSeconds is double p ? p.ToString("F3", Inv) : "–")} | {(r.LibTorchSeconds is double l ? l.ToString("F3", Inv) : "–")} | " +
                $"{(r.Ratio is double q ? q.ToString("F3", Inv) : "–")} | {Number(r.RobustLabGflops, "F1")} | {Number(r.PeakGflops, "F0")} | {Number(r.SgemmGflops, "F0")} |"));
        return sb.ToString();
    }

    private static string Number(double v, string format) => double.IsNaN(v) ? "–" : v.ToString(format, Inv);

    public string Markdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# RobustLab vs PyTorch — lenet-like on MNIST ({When:yyyy-MM-dd HH:mm} UTC)");
        sb.AppendLine();
        sb.AppendLine(Notes());
        sb.AppendLine();
        sb.Append(Table());
        return sb.ToString();
    }

    public string Notes() => string.Create(Inv,
        $"Machine: {Machine}; measured clock {ClockGHz:F2} GHz; peak = threads × clock × {FlopsPerCycle} FLOP/cycle " +
        $"(2 FMA units × {FlopsPerCycle / 4} floats × 2); SGEMM = engine Gemm on 1536³ (practical peak).\n" +
        $"Batch {BatchSize}; train = one epoch over {TrainImages:N0} images (Adam); inference and input gradient over {TestImages:N0} test images; " +
        $"best of {Repeat} round(s) per task (the sides alternate); PyTorch {TorchVersion ?? "not run"}; {LibTorchVersion ?? "libtorch not run"}; " +
        $"ratio = RobustLab / the better of the two.") +
        (AttackNotes is { Count: > 0 } ? "\nAttacks on models/lenet-like.safetensors, first 1,000 test images, batch " + BatchSize +
            " (RobustLab: AttackCatalog + NetworkClassifier; PyTorch: tools/bench_torch_attacks.py): PGD-40 L∞ ε 0.3 α 0.01 no random start; " +
            "DeepFool L2, η 0.02, ≤ 50 iterations, all classes. Cross-check — " + string.Join("\n", AttackNotes) : "");

    public string Json() => JsonSerializer.Serialize(new
    {
        when = When,
        machine = Machine,
        clockGHz = ClockGHz,
        flopsPerCycle = FlopsPerCycle,
        torch = TorchVersion,
        libtorch = LibTorchVersion,
        batch = BatchSize,
        trainImages = TrainImages,
        testImages = TestImages,
        repeat = Repeat,
        attacks = AttackNotes,
        rows = Rows.Select(r => new
        {
            task = r.Task,
            threads = r.Threads,
            robustLabSeconds = r.RobustLabSeconds,
            pyTorchSeconds = r.PyTorchSeconds,
            libTorchSeconds = r.LibTorchSeconds,
            ratio = r.Ratio,
            robustLabGflops = double.IsNaN(r.RobustLabGflops) ? (double?)null : r.RobustLabGflops,
            peakGflops = double.IsNaN(r.PeakGflops) ? (double?)null : r.PeakGflops,
            sgemmGflops = double.IsNaN(r.SgemmGflops) ? (double?)null : r.SgemmGflops,
        }),
    }, new JsonSerializerOptions { WriteIndented = true });

    /// <summary>Writes &lt;dir&gt;/&lt;timestamp&gt;.json and .md and returns the two paths.</summary>
    public (string Json, string Markdown) Save(string directory)
    {
        Directory.CreateDirectory(directory);
        string stem = Path.Combine(directory, When.ToString("yyyyMMdd-HHmmss", Inv) + (TrainImages < 60_000 ? "-quick" : ""));
        File.WriteAllText(stem + ".json", Json());
        File.WriteAllText(stem + ".md", Markdown());
        return (stem + ".json", stem + ".md");
    }
}
