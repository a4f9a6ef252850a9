namespace RobustLab.Engine.Tensors;

/// <summary>How many cores the engine's kernels may use. Set once at start-up (CLI flag, benchmark).</summary>
/// <remarks>
/// With more than one thread, work is split into up to <see cref="Oversplit"/> chunks per thread, handed out
/// dynamically (Parallel.For with at most <see cref="Threads"/> workers): on a shared machine a worker that
/// is descheduled holds up only a small chunk, not half of the kernel.
/// </remarks>
public static class Parallelism
{
    /// <summary>Chunks per thread when the work allows it.</summary>
    public const int Oversplit = 4;

    private static int _threads = Environment.ProcessorCount;

    /// <summary>Degree of parallelism for batch-split kernels (default: all cores).</summary>
    public static int Threads
    {
        get => _threads;
        set => _threads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "Threads must be at least 1.");
    }

    /// <summary>
    /// Runs <paramref name="body"/>(chunk, start, end) over [0, count) split into <see cref="Chunks"/> contiguous
    /// chunks of at least <paramref name="minPerChunk"/> items. Runs inline when one chunk suffices.
    /// </summary>
    public static void For(int count, Action<int, int, int> body, int minPerChunk = 1) =>
        ForChunks(count, Chunks(count, minPerChunk), body);

    /// <summary>
    /// Runs <paramref name="body"/>(chunk, start, end) over [0, count) in exactly <paramref name="chunks"/> contiguous
    /// chunks (count, if smaller). Callers that keep per-chunk state pass the count they sized it for (<see cref="Threads"/>
    /// may change between two calls of <see cref="Chunks"/>).
    /// </summary>
    public static void ForChunks(int count, int chunks, Action<int, int, int> body)
    {
        chunks = Math.Min(chunks, count);
        if (chunks <= 1)
        {
            if (count > 0) body(0, 0, count);
            return;
        }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Min(Threads, chunks) }, c =>
        {
            var (start, end) = Range(count, chunks, c);
            body(c, start, end);
        });
    }

    /// <summary>The number of chunks <see cref="For"/> will use for <paramref name="count"/> items: 1 with one thread.</summary>
    public static int Chunks(int count, int minPerChunk = 1)
    {
        int threads = Threads;
        return Math.Max(1, Math.Min(threads == 1 ? 1 : threads * Oversplit, count / Math.Max(1, minPerChunk)));
    }

    public static (int Start, int End) Range(int count, int chunks, int chunk)
    {
        int baseSize = count / chunks, extra = count % chunks;
        int start = chunk * baseSize + Math.Min(chunk, extra);
        return (start, start + baseSize + (chunk < extra ? 1 : 0));
    }
}
