using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Tensors;

/// <summary>Slice and Gather into a reused destination: same values as the allocating forms, storage reused only when the shape fits.</summary>
public sealed class TensorBatchTests
{
    [Fact]
    public void Slice_and_gather_reuse_a_destination_of_the_right_shape()
    {
        var t = new Tensor(Enumerable.Range(0, 5 * 2 * 3).Select(i => (float)i).ToArray(), 5, 2, 3);
        var buffer = new Tensor(2, 2, 3);
        var s = t.Slice(1, 2, buffer);
        Assert.Same(buffer, s);
        Assert.Equal(t.Slice(1, 2).Data, s.Data);
        var g = t.Gather([4, 0], buffer);
        Assert.Same(buffer, g);
        Assert.Equal(t.Gather([4, 0]).Data, g.Data);
        var other = t.Slice(0, 3, buffer); // wrong N: a new tensor
        Assert.NotSame(buffer, other);
        Assert.Equal([3, 2, 3], other.Shape);
        Assert.Throws<ArgumentException>(() => t.Slice(0, 5, t));
    }
}
