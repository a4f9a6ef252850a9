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
}
