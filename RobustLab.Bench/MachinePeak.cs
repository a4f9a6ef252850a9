using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using RobustLab.Engine.Tensors;

namespace RobustLab.Bench;

/// <summary>The machine's float32 peak: measured clock × FLOPs per cycle, and a practical peak from a large SGEMM.</summary>
/// <remarks>
/// Clock: a chain of dependent one-cycle integer ops (add/xor), 8 per loop iteration, timed; the best of
/// 300 runs of about 2 ms (a busy neighbour only makes a run slower). FLOPs per cycle per core, by assumption:
/// 2 FMA pipes × (vector width in floats) × 2 FLOPs per FMA — 64 with AVX-512 on Zen 5 / Sapphire Rapids
/// (Zen 4 double-pumps 512-bit ops, so there this overstates the peak by 2×).
/// Practical peak: <see cref="Gemm.Sgemm"/> on N×N×N (N = 1536), rows of C split across the threads.
/// </remarks>
internal static class MachinePeak
{
    public const int FmaUnits = 2;

    public static int VectorFloats => Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : 4;

    public static int FlopsPerCycle => FmaUnits * VectorFloats * 2;

    /// <summary>Clock of one core in GHz (dependent-chain method, best of several runs).</summary>
    public static double MeasureGHz()
    {
        const long iterations = 1_000_000; // ≈ 2 ms: short enough to run between two preemptions on a busy machine
        DependentChain(iterations);
        double best = 0;
        for (int r = 0; r < 300; r++)
        {
            var clock = Stopwatch.StartNew();
            DependentChain(iterations);
            best = Math.Max(best, 8.0 * iterations / clock.Elapsed.TotalSeconds / 1e9);
        }
        return best;
    }

    public static double PeakGflops(int threads, double ghz) => threads * ghz * FlopsPerCycle;

    /// <summary>GFLOP/s of <see cref="Gemm.Sgemm"/> on an n×n by n×n product with the current <see cref="Parallelism.Threads"/>.</summary>
    public static double MeasureSgemm(int n = 1536, int runs = 3)
    {
        var rng = new Random(0);
        var a = new float[n * n];
        var b = new float[n * n];
        var c = new float[n * n];
        for (int i = 0; i < a.Length; i++) { a[i] = rng.NextSingle() - 0.5f; b[i] = rng.NextSingle() - 0.5f; }
        void Run() => Parallelism.For(n, (_, start, end) =>
            Gemm.Sgemm(false, false, end - start, n, n, a.AsSpan(start * n), n, b, n, c.AsSpan(start * n), n, accumulate: false), minPerChunk: 64);
        Run();
        double best = double.MaxValue;
        for (int r = 0; r < runs; r++)
        {
            var clock = Stopwatch.StartNew();
            Run();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return 2.0 * n * n * n / best / 1e9;
    }

    // 8 dependent single-cycle ALU ops per iteration; the loop counter runs in parallel on other ports.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static long DependentChain(long iterations)
    {
        long x = 1;
        for (long i = 0; i < iterations; i++)
        {
            x += i; x ^= i; x += i; x ^= i;
            x += i; x ^= i; x += i; x ^= i;
        }
        return x;
    }
}
