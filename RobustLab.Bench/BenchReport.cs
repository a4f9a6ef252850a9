using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RobustLab.Bench;

/// <summary>One row of the result table: a task at a thread count.</summary>
internal sealed record BenchRow(string Task, int Threads, double RobustLabSeconds, double? PyTorchSeconds, double Gflops, double PeakGflops, double SgemmGflops)
{
    /// <summary>RobustLab time / PyTorch time (≤ 1: RobustLab is at least as fast).</summary>
    public double? Ratio => PyTorchSeconds is double p ? RobustLabSeconds / p : null;

    public double RobustLabGflops => Gflops / RobustLabSeconds;
}

/// <summary>The whole run: machine, settings and rows; printed as a table and saved as JSON and Markdown.</summary>
internal sealed record BenchReport(
    DateTimeOffset When, string Machine, double ClockGHz, int FlopsPerCycle, string? TorchVersion,
    int BatchSize, int TrainImages, int TestImages, int Repeat, IReadOnlyList<BenchRow> Rows)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Table()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"| task | threads | RobustLab s | PyTorch s | ratio RL/PT | RL GFLOP/s | peak GFLOP/s | SGEMM GFLOP/s |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in Rows)
            sb.AppendLine(string.Create(Inv,
                $"| {r.Task} | {r.Threads} | {r.RobustLabSeconds:F3} | {(r.PyTorchSeconds is double p ? p.ToString("F3", Inv) : "–")} | " +
                $"{(r.Ratio is double q ? q.ToString("F3", Inv) : "–")} | {r.RobustLabGflops:F1} | {r.PeakGflops:F0} | {r.SgemmGflops:F0} |"));
        return sb.ToString();
    }

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
        $"best of {Repeat} round(s) per task (the two sides alternate); PyTorch {TorchVersion ?? "not run"}.");

    public string Json() => JsonSerializer.Serialize(new
    {
        when = When,
        machine = Machine,
        clockGHz = ClockGHz,
        flopsPerCycle = FlopsPerCycle,
        torch = TorchVersion,
        batch = BatchSize,
        trainImages = TrainImages,
        testImages = TestImages,
        repeat = Repeat,
        rows = Rows.Select(r => new
        {
            task = r.Task,
            threads = r.Threads,
            robustLabSeconds = r.RobustLabSeconds,
            pyTorchSeconds = r.PyTorchSeconds,
            ratio = r.Ratio,
            robustLabGflops = r.RobustLabGflops,
            peakGflops = r.PeakGflops,
            sgemmGflops = r.SgemmGflops,
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
