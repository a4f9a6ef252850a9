using RobustLab.Web.Components.Plots;

namespace RobustLab.Tests.Web.Plots;

// Buffered points for streaming: grouped by trace in one extendTraces message, in order, split so that no
// message carries more than the limit.
public sealed class PlotPointBufferTests
{
    [Fact]
    public void Coalesces_many_appends_into_one_message_per_take()
    {
        var buffer = new PlotPointBuffer();
        Assert.True(buffer.Add(1, [1], [10]));  // first since empty: schedule a flush
        Assert.False(buffer.Add(0, [1], [5]));
        Assert.False(buffer.Add(1, [2, 3], [20, 30]));
        var message = Assert.Single(buffer.Take(500));
        Assert.Equal([0, 1], message.Indices); // by trace
        Assert.Equal([[1.0], [1.0, 2, 3]], message.X);
        Assert.Equal([[5.0], [10.0, 20, 30]], message.Y);
        Assert.True(buffer.IsEmpty);
        Assert.Empty(buffer.Take(500));
    }

    [Fact]
    public void Splits_what_is_waiting_so_no_message_exceeds_the_limit()
    {
        var buffer = new PlotPointBuffer();
        double[] seven = [0, 1, 2, 3, 4, 5, 6];
        buffer.Add(0, seven, seven);
        buffer.Add(3, [7, 8], [7, 8]);
        var messages = buffer.Take(maxPointsPerMessage: 3, maxPoints: 50);
        Assert.Equal([3, 3, 3], messages.Select(m => m.PointCount));
        Assert.Equal([[0], [0], [0, 3]], messages.Select(m => m.Indices.ToArray()));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (double)i), messages.SelectMany(m => m.X.Take(1)).SelectMany(x => x)); // trace 0 in order
        Assert.Equal([7.0, 8], messages[^1].Y[1]);
        Assert.All(messages, m => Assert.Equal(50, m.MaxPoints));
    }

    [Fact]
    public void Clear_drops_what_is_waiting_and_bad_input_is_refused()
    {
        var buffer = new PlotPointBuffer();
        buffer.Add(0, [1, 2], [3, 4]);
        buffer.Clear();
        Assert.True(buffer.IsEmpty);
        Assert.False(buffer.Add(0, [], [])); // nothing to send
        Assert.True(buffer.IsEmpty);
        Assert.Throws<ArgumentException>(() => buffer.Add(0, [1, 2], [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Add(-1, [1], [1]));
    }

    [Fact]
    public void Appends_from_many_threads_all_arrive_in_each_threads_order()
    {
        var buffer = new PlotPointBuffer();
        Parallel.For(0, 4, trace =>
        {
            for (int i = 0; i < 1000; i++) buffer.Add(trace, [i], [i]);
        });
        var messages = buffer.Take(700);
        Assert.All(messages, m => Assert.True(m.PointCount <= 700));
        for (int trace = 0; trace < 4; trace++)
        {
            var xs = messages.SelectMany(m => m.Indices.Select((t, i) => (t, i)).Where(p => p.t == trace).SelectMany(p => m.X[p.i])).ToArray();
            Assert.Equal(Enumerable.Range(0, 1000).Select(i => (double)i), xs);
        }
    }
}
