using System.Diagnostics;
using RobustLab.Engine.Layers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Bench;

/// <summary>GFLOP/s of the engine's kernels in isolation (--kernels): the micro-kernel with data in L1, the lenet convolutions.</summary>
/// <remarks>Each figure is the best of several runs, so a busy neighbour disturbs it less than the end-to-end tasks.</remarks>
internal static unsafe class KernelBench
{
    public static void Run()
    {
        Console.WriteLine($"[{Parallelism.Threads} thread(s)]");
        IndirectGemmInCache();
        foreach (var (c, o, h) in new[] { (1, 10, 28), (10, 20, 12) }) Convolution(c, o, h, n: 128);
    }

    // IndirectGemm.Forward over 16 pixels × 128 lanes with every tap row in L1: the register kernels alone.
    private static void IndirectGemmInCache()
    {
        foreach (var (m, k) in new[] { (10, 25), (20, 250), (1, 250) })
        {
            int np = 128, pixels = 16, mpad = IndirectGemm.PaddedRows(m), rows = 40;
            var rng = new Random(1);
            var src = new AlignedBuffer((pixels + rows) * np);
            for (int i = 0; i < src.Length; i++) src.Span[i] = rng.NextSingle();
            var tap = Enumerable.Range(0, k).Select(t => t % rows * np).ToArray();
            var aOff = Enumerable.Range(0, k).Select(t => t * mpad).ToArray();
            var pix = Enumerable.Range(0, pixels).Select(j => j * np).ToArray();
            var aT = Enumerable.Range(0, k * mpad).Select(_ => rng.NextSingle()).ToArray();
            var bias = new float[mpad];
            var dst = new AlignedBuffer(m * pixels * np);
            int reps = 40_000_000 / (m * k * pixels) + 1;
            double seconds = Best(() =>
            {
                fixed (float* a = aT, b = bias)
                fixed (int* tp = tap, ao = aOff, px = pix)
                    for (int i = 0; i < reps; i++)
                        IndirectGemm.Forward(m, mpad, a, b, src.Pointer, tp, ao, k, null, px, pixels, np, dst.Pointer, pixels * np);
            });
            Console.WriteLine($"  indirect GEMM in L1, {m} rows × {k} taps × 16 px × 128 lanes: {2.0 * m * k * pixels * np * reps / seconds / 1e9,6:F0} GFLOP/s");
            if (m >= IndirectGemm.MR || k % 5 != 0) continue;
            // The same product as 1×5 windows sliding along rows of 4 pixels (pairs of 5 consecutive taps).
            var pairTap = Enumerable.Range(0, k / 5).Select(p => p % (rows - 8) * np).ToArray();
            var pairOff = Enumerable.Range(0, k / 5).Select(p => 5 * p * mpad).ToArray();
            var start = Enumerable.Range(0, pixels / 4 + 1).Select(g => g * (k / 5)).ToArray();
            var pairs = Enumerable.Range(0, pixels / 4).SelectMany(_ => pairTap).ToArray();
            var offs = Enumerable.Range(0, pixels / 4).SelectMany(_ => pairOff).ToArray();
            seconds = Best(() =>
            {
                fixed (float* a = aT, b = bias)
                fixed (int* tp = pairs, ao = offs, st = start, px = pix)
                    for (int i = 0; i < reps; i++)
                        IndirectGemm.Window5(m, mpad, a, b, src.Pointer, tp, ao, st, px, pixels, np, dst.Pointer, pixels * np);
            });
            Console.WriteLine($"  sliding 1×5 windows in L1, {m} rows × {k} taps × 16 px × 128 lanes: {2.0 * m * k * pixels * np * reps / seconds / 1e9,6:F0} GFLOP/s");
        }
    }

    // One lane-major convolution layer (N examples, C→O channels, 5×5, H×H input): forward, weight gradient, input gradient.
    private static void Convolution(int c, int o, int h, int n)
    {
        int k = 5, ho = h - k + 1;
        var rng = new Random(1);
        Tensor Random(params int[] shape)
        {
            var t = new Tensor(shape);
            for (int i = 0; i < t.Length; i++) t[i] = rng.NextSingle() - 0.5f;
            return t;
        }
        var x = Random(n, c, h, h);
        var dy = Random(n, o, ho, ho);
        var y = new Tensor(n, o, ho, ho);
        var dx = new Tensor(n, c, h, h);
        var w = Random(o * c * k * k).Data;
        var b = new float[o];
        var dw = new float[w.Length];
        var conv = new LaneConvolution(c, o, k, 0);
        double forward = Best(() => conv.Forward(x, w, b, y));
        double weights = Best(() => conv.Backward(dy, w, dw, null));
        double input = Best(() => conv.Backward(dy, w, null, dx));
        double gflop = 2.0 * o * c * k * k * ho * ho * n / 1e9;
        Console.WriteLine($"  conv {c}→{o} 5×5 on {h}×{h}, N={n}: forward {forward * 1e3:F3} ms ({gflop / forward:F0} GFLOP/s), " +
                          $"weight gradient {weights * 1e3:F3} ms ({gflop / weights:F0}), input gradient {input * 1e3:F3} ms ({gflop / input:F0})");
    }

    private static double Best(Action run, int runs = 20)
    {
        run();
        double best = double.MaxValue;
        for (int r = 0; r < runs; r++)
        {
            var clock = Stopwatch.StartNew();
            run();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return best;
    }
}
