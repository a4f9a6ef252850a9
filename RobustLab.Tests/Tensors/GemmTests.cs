using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Tensors;

/// <summary>The packed, vectorised SGEMM against the naive triple loop, over shapes that hit every edge case.</summary>
public sealed class GemmTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 5, 32, 7 }, { 3, 17, 2 }, { 10, 576, 25 }, { 20, 64, 250 }, { 20, 250, 64 },
        { 250, 64, 20 }, { 128, 120, 320 }, { 7, 33, 300 }, { 121, 1030, 3 }, { 6, 31, 513 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Sgemm_matches_reference_for_every_transpose_and_accumulate(int m, int n, int k)
    {
        var rng = new Random(m * 1000 + n * 10 + k);
        foreach (bool transA in new[] { false, true })
            foreach (bool transB in new[] { false, true })
                foreach (bool accumulate in new[] { false, true })
                {
                    var a = Random(rng, m * k);
                    var b = Random(rng, k * n);
                    var c0 = Random(rng, m * n);
                    var expected = (float[])c0.Clone();
                    var actual = (float[])c0.Clone();
                    int lda = transA ? m : k, ldb = transB ? k : n;
                    Gemm.Reference(transA, transB, m, n, k, a, lda, b, ldb, expected, n, accumulate);
                    Gemm.Sgemm(transA, transB, m, n, k, a, lda, b, ldb, actual, n, accumulate);
                    for (int i = 0; i < expected.Length; i++)
                        Assert.True(MathF.Abs(expected[i] - actual[i]) <= 1e-4f * (1 + MathF.Abs(expected[i])),
                            $"transA={transA} transB={transB} acc={accumulate} [{i}]: {actual[i]} vs {expected[i]}");
                }
    }

    [Fact]
    public void Sgemm_respects_leading_dimensions_and_leaves_other_columns_alone()
    {
        // C is a 3×4 window of a 3×10 buffer; A and B are windows of wider buffers too.
        var rng = new Random(7);
        var a = Random(rng, 3 * 9);
        var b = Random(rng, 5 * 12);
        var c = Random(rng, 3 * 10);
        var expected = (float[])c.Clone();
        Gemm.Reference(false, false, 3, 4, 5, a, 9, b, 12, expected, 10, accumulate: false);
        Gemm.Sgemm(false, false, 3, 4, 5, a, 9, b, 12, c, 10, accumulate: false);
        for (int i = 0; i < c.Length; i++) Assert.Equal(expected[i], c[i], 4);
    }

    [Fact]
    public void Sgemm_with_k_zero_clears_or_keeps_c()
    {
        var c = new float[] { 1, 2, 3, 4 };
        Gemm.Sgemm(false, false, 2, 2, 0, [], 0, [], 2, c, 2, accumulate: true);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, c);
        Gemm.Sgemm(false, false, 2, 2, 0, [], 0, [], 2, c, 2, accumulate: false);
        Assert.Equal(new float[4], c);
    }

    private static float[] Random(Random rng, int n)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }
}
