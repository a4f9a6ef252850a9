using System.Runtime.ExceptionServices;

namespace RobustLab.Engine.Tensors;

/// <summary>How many cores the engine's kernels may use. Set once at start-up (CLI flag, benchmark).</summary>
/// <remarks>
/// With more than one thread, work is split into up to <see cref="Oversplit"/> chunks per thread and handed out
/// dynamically: the calling thread and up to Threads − 1 thread-pool workers claim chunks from a shared counter.
/// The caller waits only for chunks that were claimed, never for a worker that has not started yet, so on a busy
/// machine a late worker costs nothing and a descheduled one holds up only a small chunk.
/// </remarks>
public static class Parallelism
{
    /// <summary>Chunks per thread when the work allows it.</summary>
    public const int Oversplit = 4;

    private static int _threads = Environment.ProcessorCount;

    // NOTE: per thread, so one interactive request can run its kernels serially while training elsewhere uses every core.
    [ThreadStatic] private static int t_limit;

    /// <summary>Degree of parallelism for batch-split kernels (default: all cores).</summary>
    public static int Threads
    {
        get => _threads;
        set => _threads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "Threads must be at least 1.");
    }

    /// <summary>The threads kernels started on this thread may use: <see cref="Threads"/>, or less inside <see cref="WithThreads{T}"/>.</summary>
    /// <remarks>What another compute library working for the engine (libtorch, RobustLab.Torch) is told to use.</remarks>
    public static int CurrentThreads => t_limit > 0 ? Math.Min(t_limit, Threads) : Threads;

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
        var job = new Job(count, chunks, body);
        for (int w = Math.Min(Threads, chunks) - 1; w > 0; w--) ThreadPool.UnsafeQueueUserWorkItem(static j => j.Work(), job, preferLocal: false);
        job.Work();
        job.Wait();
    }

    // One parallel loop: chunks are claimed with Interlocked.Increment; the last one to finish releases the caller.
    private sealed class Job(int count, int chunks, Action<int, int, int> body)
    {
        private readonly ManualResetEventSlim _done = new(false);
        private int _next = -1, _finished;
        private ExceptionDispatchInfo? _error;

        public void Work()
        {
            int c;
            while ((c = Interlocked.Increment(ref _next)) < chunks)
            {
                try
                {
                    var (start, end) = Range(count, chunks, c);
                    body(c, start, end);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(e), null);
                }
                finally
                {
                    if (Interlocked.Increment(ref _finished) == chunks) _done.Set();
                }
            }
        }

        public void Wait()
        {
            _done.Wait(); // NOTE: not disposed: the worker that set it may still be inside Set()
            _error?.Throw();
        }
    }

    /// <summary>The number of chunks <see cref="For"/> will use for <paramref name="count"/> items: 1 with one thread.</summary>
    public static int Chunks(int count, int minPerChunk = 1)
    {
        int threads = t_limit > 0 ? Math.Min(t_limit, Threads) : Threads;
        return Math.Max(1, Math.Min(threads == 1 ? 1 : threads * Oversplit, count / Math.Max(1, minPerChunk)));
    }

    /// <summary>
    /// Runs <paramref name="body"/> with the kernels it starts on this thread limited to <paramref name="threads"/>
    /// (<see cref="Chunks"/> counts with it), e.g. 1 for a batch-1 attack, whose layers are too small for a split to pay
    /// for handing work to other threads.
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
