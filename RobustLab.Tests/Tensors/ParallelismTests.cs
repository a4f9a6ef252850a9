using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Tensors;

public sealed class ParallelismTests
{
    [Fact]
    public void WithThreads_limits_the_chunks_on_this_thread_only_and_restores_them()
    {
        int all = Parallelism.Chunks(1000);
        Assert.Equal(Math.Min(Parallelism.Threads, 1000), all);
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
        Assert.Throws<InvalidOperationException>(() => Parallelism.WithThreads<int>(1, () => throw new InvalidOperationException()));
        Assert.Equal(Math.Min(Parallelism.Threads, 64), Parallelism.Chunks(64));
        int inner = Parallelism.WithThreads(1, () => Parallelism.WithThreads(64, () => Parallelism.Chunks(64)));
        Assert.Equal(Math.Min(Parallelism.Threads, 64), inner);
        Assert.Throws<ArgumentOutOfRangeException>(() => Parallelism.WithThreads(0, () => 0));
    }
}
