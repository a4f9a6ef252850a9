namespace RobustLab.Bench;

/// <summary>Command-line settings of the benchmark.</summary>
/// <param name="Threads">Thread counts to run, in order (default 1 and 2).</param>
/// <param name="Quick">Fewer images (6,000 train / 2,000 test) for a fast smoke run.</param>
/// <param name="Repeat">Rounds (RobustLab then PyTorch, alternating); each task reports its fastest round.</param>
/// <param name="Torch">Run the PyTorch side (tools/bench_torch.py with <see cref="Python"/>).</param>
/// <param name="Python">Interpreter that has torch (Debian python3-torch).</param>
/// <param name="DataDir">Data directory (null: DataDirectory.Resolve).</param>
/// <param name="BatchSize">Mini-batch size for all three tasks.</param>
/// <param name="Profile">Only print per-layer timings (no comparison).</param>
/// <param name="Kernels">Only print the GFLOP/s of the convolution kernels in isolation.</param>
/// <param name="Attacks">Also time PGD-40 and DeepFool on models/lenet-like.safetensors (1,000 test images).</param>
/// <param name="AttacksOnly">Time only the two attacks.</param>
/// <param name="LibTorch">Run the libtorch 2.10 side in this process (RobustLab.Torch).</param>
internal sealed record BenchOptions(
    int[] Threads, bool Quick, int Repeat, bool Torch, string Python, string? DataDir, int BatchSize = 128, bool Profile = false, bool Kernels = false,
    bool Attacks = true, bool AttacksOnly = false, bool LibTorch = true)
{
    public const string Usage = """
        RobustLab speed benchmark: lenet-like on MNIST, RobustLab vs PyTorch, same machine, same run.

          dotnet run -c Release --project RobustLab.Bench -- [options]

          --threads 1,2      thread counts to run (default 1,2)
          --quick            6,000 training / 2,000 test images instead of 60,000 / 10,000
          --repeat N         rounds, alternating RobustLab and PyTorch; fastest per task (default 1)
          --no-torch         skip the PyTorch side
          --no-libtorch      skip the libtorch 2.10 side (TorchSharp, in this process); ratios need one of the two
          --python PATH      interpreter with torch (default /usr/bin/python3)
          --data-dir DIR     data directory (default: $ROBUSTLAB_DATA or <repo>/data)
          --batch N          batch size (default 128)
          --profile          per-layer milliseconds per batch instead of the comparison
          --kernels          GFLOP/s of the convolution kernels in isolation instead of the comparison
          --no-attacks       skip the PGD-40 and DeepFool tasks (1,000 test images, models/lenet-like.safetensors)
          --attacks-only     time only the PGD-40 and DeepFool tasks
        """;

    public int TrainImages => Quick ? 6_000 : 60_000;
    public int TestImages => Quick ? 2_000 : 10_000;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a clear message on bad input.</summary>
    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions([1, 2], Quick: false, Repeat: 1, Torch: true, Python: "/usr/bin/python3", DataDir: null);
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            o = args[i] switch
            {
                "--threads" => o with { Threads = ParseThreads(Value()) },
                "--quick" => o with { Quick = true },
                "--repeat" => o with { Repeat = PositiveInt("--repeat", Value()) },
                "--no-torch" => o with { Torch = false },
                "--no-libtorch" => o with { LibTorch = false },
                "--python" => o with { Python = Value() },
                "--data-dir" => o with { DataDir = Value() },
                "--batch" => o with { BatchSize = PositiveInt("--batch", Value()) },
                "--profile" => o with { Profile = true },
                "--kernels" => o with { Kernels = true },
                "--no-attacks" => o with { Attacks = false },
                "--attacks-only" => o with { Attacks = true, AttacksOnly = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }
        return o;
    }

    private static int[] ParseThreads(string s)
    {
        var parts = s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new ArgumentException("--threads needs at least one thread count.");
        return parts.Select(p => PositiveInt("--threads", p)).ToArray();
    }

    private static int PositiveInt(string option, string s) =>
        int.TryParse(s, out int v) && v >= 1 ? v : throw new ArgumentException($"{option} expects a positive integer, got '{s}'.");
}
