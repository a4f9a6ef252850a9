using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Tensors;

/// <summary>The blocked AVX transpose against the naive loop, over ragged sizes and strides.</summary>
public sealed class TransposeTests
{
    public static TheoryData<int, int> Sizes => new()
    {
        { 1, 1 }, { 1, 9 }, { 7, 7 }, { 8, 8 }, { 8, 9 }, { 9, 8 }, { 16, 24 }, { 17, 28 }, { 128, 12 }, { 33, 65 }, { 5, 40 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Transpose_matches_reference_with_padding_strides(int rows, int cols)
    {
        var rng = new Random(rows * 100 + cols);
        int lds = cols + 3, ldd = rows + 5;
        var src = new float[rows * lds];
        for (int i = 0; i < src.Length; i++) src[i] = rng.NextSingle();
        var expected = new float[cols * ldd];
        var actual = new float[cols * ldd];
        for (int i = 0; i < expected.Length; i++) expected[i] = actual[i] = -1f; // untouched cells must stay -1
        Transpose.Reference(src, lds, expected, ldd, rows, cols);
        Transpose.Run(src, lds, actual, ldd, rows, cols);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Transpose_rejects_buffers_that_are_too_small()
    {
        Assert.Throws<ArgumentException>(() => Transpose.Run(new float[10], 4, new float[12], 3, 3, 4));
    }
}
