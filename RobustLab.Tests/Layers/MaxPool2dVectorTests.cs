using RobustLab.Engine.Layers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Layers;

/// <summary>MaxPool2d's AVX-512 2×2 path against its general loop (the oracle), exactly, with ties and ragged sizes.</summary>
public sealed class MaxPool2dVectorTests
{
    [Theory]
    [InlineData(2, 3, 24, 24)]
    [InlineData(3, 2, 8, 8)]
    [InlineData(1, 2, 7, 9)]    // odd sizes: the last row and column belong to no window
    [InlineData(2, 1, 6, 34)]   // 17 windows per row: a full chunk and a masked one
    [InlineData(1, 1, 2, 2)]
    [InlineData(4, 5, 12, 66)]
    public void Vector_path_matches_general_path_exactly(int n, int c, int h, int w)
    {
        var rng = new Random(n * 1000 + c * 100 + h + w);
        var x = new Tensor(n, c, h, w);
        for (int i = 0; i < x.Length; i++) x[i] = rng.Next(-3, 4); // few distinct values: many ties
        x[0] = float.NaN; // NaN never wins a comparison; as the first cell it stays the max
        var fast = new MaxPool2d("pool", 2) { UseVector = true };
        var slow = new MaxPool2d("pool", 2) { UseVector = false };
        var yFast = fast.Forward(x, false).Clone();
        var ySlow = slow.Forward(x, false).Clone();
        Assert.Equal(ySlow.Data, yFast.Data);
        var dy = GradientCheck.RandomLike(ySlow, rng);
        var dxFast = fast.Backward(dy)!.Clone();
        Array.Fill(fast.Backward(dy)!.Data, 7f); // the next Backward must overwrite every cell
        var dxSlow = slow.Backward(dy)!.Clone();
        Assert.Equal(dxSlow.Data, dxFast.Data);
        Assert.Equal(dxSlow.Data, fast.Backward(dy)!.Data);
    }
}
