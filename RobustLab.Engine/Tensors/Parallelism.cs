namespace RobustLab.Engine.Tensors;

/// <summary>How many cores the engine's kernels may use. Set once at start-up (CLI flag, benchmark).</summary>
public static class Parallelism
{
    private static int _threads = Environment.ProcessorCount;

    // NOTE: per thread, so one interactive request can run its kernels serially while training elsewhere uses every core.
    [ThreadStatic] private static int t_limit;

    /// <summary>Degree of parallelism for batch-split kernels (default: all cores).</summary>
    public static int Threads
    {
        get => _threads;
        set => _threads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "Threads must be at least 1.");
    }

    /// <summary>
    /// Runs <paramref name="body"/>(chunk, start, end) over [0, count) split into at most
    /// <see cref="Threads"/> contiguous chunks. Runs inline when one chunk suffices.
    /// </summary>
    public static void For(int count, Action<int, int, int> body, int minPerChunk = 1)
    {
        int chunks = Chunks(count, minPerChunk);
        if (chunks <= 1)
        {
            if (count > 0) body(0, 0, count);
            return;
        }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, c =>
        {
            var (start, end) = Range(count, chunks, c);
            body(c, start, end);
        });
    }

    /// <summary>The number of chunks <see cref="For"/> will use for <paramref name="count"/> items.</summary>
    public static int Chunks(int count, int minPerChunk = 1) =>
        Math.Max(1, Math.Min(t_limit > 0 ? Math.Min(t_limit, Threads) : Threads, count / Math.Max(1, minPerChunk)));

    /// <summary>
    /// Runs <paramref name="body"/> with the kernels it starts on this thread limited to <paramref name="threads"/> chunks,
    /// e.g. 1 for a batch-1 attack, whose layers are too small for a split to pay for handing work to another thread.
    /// </summary>
    public static T WithThreads<T>(int threads, Func<T> body)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        int previous = t_limit;
        t_limit = threads;
        try
        {
            return body();
        }
        finally
        {
            t_limit = previous;
        }
    }

    public static (int Start, int End) Range(int count, int chunks, int chunk)
    {
        int baseSize = count / chunks, extra = count % chunks;
        int start = chunk * baseSize + Math.Min(chunk, extra);
        return (start, start + baseSize + (chunk < extra ? 1 : 0));
    }
}
