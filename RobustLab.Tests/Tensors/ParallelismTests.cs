using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Tensors;

/// <summary>The fork-join helper: every item once, chunk ids in range, exceptions surface on the caller.</summary>
[Collection(ThreadCountCollection.Name)]
public sealed class ParallelismTests
{
    [Theory]
    [InlineData(1, 1000, 1)]
    [InlineData(2, 1000, 1)]
    [InlineData(2, 7, 1)]
    [InlineData(2, 1000, 300)]
    [InlineData(3, 0, 1)]
    public void For_covers_every_item_once_in_contiguous_chunks(int threads, int count, int minPerChunk)
    {
        int saved = Parallelism.Threads;
        try
        {
            Parallelism.Threads = threads;
            int chunks = Parallelism.Chunks(count, minPerChunk);
            var hits = new int[count];
            var seen = new int[Math.Max(chunks, 1)];
            Parallelism.For(count, (chunk, start, end) =>
            {
                Interlocked.Increment(ref seen[chunk]);
                Assert.Equal(Parallelism.Range(count, Math.Min(chunks, count), chunk), (start, end));
                for (int i = start; i < end; i++) Interlocked.Increment(ref hits[i]);
            }, minPerChunk);
            Assert.All(hits, h => Assert.Equal(1, h));
            if (count > 0) Assert.All(seen.Take(Math.Min(chunks, count)), s => Assert.Equal(1, s));
            Assert.True(chunks <= Math.Max(1, threads == 1 ? 1 : threads * Parallelism.Oversplit));
        }
        finally
        {
            Parallelism.Threads = saved;
        }
    }

    [Fact]
    public void An_exception_in_a_chunk_is_rethrown_on_the_caller()
    {
        int saved = Parallelism.Threads;
        try
        {
            Parallelism.Threads = 2;
            var e = Assert.Throws<InvalidOperationException>(() =>
                Parallelism.For(100, (chunk, _, _) => { if (chunk == 3) throw new InvalidOperationException("chunk 3"); }));
            Assert.Equal("chunk 3", e.Message);
        }
        finally
        {
            Parallelism.Threads = saved;
        }
    }

    [Fact]
    public void WithThreads_limits_the_chunks_on_this_thread_only_and_restores_them()
    {
        int all = Parallelism.Chunks(1000);
        int inside = Parallelism.WithThreads(1, () =>
        {
            int elsewhere = 0;
            var thread = new Thread(() => elsewhere = Parallelism.Chunks(1000)); // another thread keeps every core
            thread.Start();
            thread.Join();
            Assert.Equal(all, elsewhere);
            var seen = new HashSet<int>();
            Parallelism.For(1000, (chunk, _, _) => { lock (seen) seen.Add(chunk); });
            Assert.Equal([0], seen);
            return Parallelism.Chunks(1000);
        });
        Assert.Equal(1, inside);
        Assert.Equal(all, Parallelism.Chunks(1000));
    }

    [Fact]
    public void WithThreads_nests_and_survives_exceptions()
    {
        int all = Parallelism.Chunks(64);
        Assert.Throws<InvalidOperationException>(() => Parallelism.WithThreads<int>(1, () => throw new InvalidOperationException()));
        Assert.Equal(all, Parallelism.Chunks(64));
        int inner = Parallelism.WithThreads(1, () => Parallelism.WithThreads(64, () => Parallelism.Chunks(64)));
        Assert.Equal(all, inner);
        Assert.Throws<ArgumentOutOfRangeException>(() => Parallelism.WithThreads(0, () => 0));
    }
}
