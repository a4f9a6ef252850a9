using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Tensors;

/// <summary>The indirect-GEMM register kernels against their naive loops, with ragged row, tap and pixel counts.</summary>
public sealed unsafe class IndirectGemmTests
{
    public static TheoryData<int, int, int, int> Shapes => new()
    {
        // m rows, k taps, pixels, lanes
        { 1, 1, 1, 32 }, { 1, 25, 9, 64 }, { 3, 7, 5, 96 }, { 4, 250, 4, 32 }, { 5, 4, 8, 64 }, { 7, 13, 3, 96 },
        { 10, 25, 8, 128 }, { 20, 250, 5, 128 }, { 12, 9, 11, 160 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_matches_reference(int m, int k, int pixels, int np)
    {
        foreach (bool lists in new[] { false, true })
        {
            var (rng, src, tap, pix) = Setup(m, k, pixels, np);
            int mpad = IndirectGemm.PaddedRows(m), ldm = pixels * np + 7;
            var aT = new float[k * mpad];
            for (int t = 0; t < k; t++)
                for (int r = 0; r < m; r++) aT[t * mpad + r] = rng.NextSingle() * 2 - 1;
            var aOff = Enumerable.Range(0, k).Select(t => t * mpad).ToArray();
            var bias = new float[mpad];
            for (int r = 0; r < m; r++) bias[r] = rng.NextSingle();
            int[]? start = null;
            if (lists)
            {
                // Per-group tap lists: a random subset of the taps, in a random order, possibly empty.
                int group = IndirectGemm.GroupSize(m), groups = (pixels + group - 1) / group;
                var allTaps = new List<int>();
                var allOff = new List<int>();
                start = new int[groups + 1];
                for (int g = 0; g < groups; g++)
                {
                    start[g] = allTaps.Count;
                    foreach (int t in Enumerable.Range(0, k).Where(_ => rng.Next(3) > 0).OrderBy(_ => rng.Next()))
                    {
                        allTaps.Add(tap[t]);
                        allOff.Add(aOff[t]);
                    }
                }
                start[groups] = allTaps.Count;
                (tap, aOff) = (allTaps.ToArray(), allOff.ToArray());
            }
            var expected = new float[m * ldm];
            var actual = new float[m * ldm];
            IndirectGemm.ForwardReference(m, aT, bias, src, tap, aOff, k, start, pix, pixels, np, expected, ldm);
            fixed (float* a = aT, b = bias, s = src, d = actual)
            fixed (int* tp = tap, ao = aOff, st = start, px = pix)
                IndirectGemm.Forward(m, mpad, a, b, s, tp, ao, k, st, px, pixels, np, d, ldm);
            AssertClose(expected, actual);
        }
    }

    [Theory]
    [InlineData(1, 10, 8, 32)]
    [InlineData(3, 7, 12, 96)]
    [InlineData(4, 1, 4, 64)]
    public void Window5_matches_reference(int m, int pairs, int pixels, int np)
    {
        var rng = new Random(m * 100 + pairs + pixels + np);
        int mpad = IndirectGemm.PaddedRows(m), rowsOfLanes = 30, ldm = pixels * np + 3;
        var src = new float[(rowsOfLanes + pixels + 8) * np];
        for (int i = 0; i < src.Length; i++) src[i] = rng.NextSingle() * 2 - 1;
        var aT = new float[pairs * 5 * mpad];
        for (int i = 0; i < aT.Length; i++) aT[i] = rng.NextSingle() * 2 - 1;
        var bias = Enumerable.Range(0, mpad).Select(_ => rng.NextSingle()).ToArray();
        // Per group of 4 pixels, a random subset of the pairs; pair p's taps start at a random row of lanes.
        var tap = new List<int>();
        var aOff = new List<int>();
        var start = new int[pixels / 4 + 1];
        for (int g = 0; g < pixels / 4; g++)
        {
            start[g] = tap.Count;
            for (int p = 0; p < pairs; p++)
                if (rng.Next(4) > 0)
                {
                    tap.Add(rng.Next(rowsOfLanes) * np);
                    aOff.Add(p * 5 * mpad);
                }
        }
        start[^1] = tap.Count;
        var pix = Enumerable.Range(0, pixels).Select(j => j * np).ToArray(); // rows of consecutive pixels
        var expected = new float[m * ldm];
        var actual = new float[m * ldm];
        IndirectGemm.Window5Reference(m, mpad, aT, bias, src, tap.ToArray(), aOff.ToArray(), start, pix, pixels, np, expected, ldm);
        fixed (float* a = aT, b = bias, s = src, d = actual)
        fixed (int* tp = tap.ToArray(), ao = aOff.ToArray(), st = start, px = pix)
            IndirectGemm.Window5(m, mpad, a, b, s, tp, ao, st, px, pixels, np, d, ldm);
        AssertClose(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void WeightGradient_matches_reference_however_the_tiles_are_split(int m, int k, int pixels, int np)
    {
        var (rng, src, tap, pix) = Setup(m, k, pixels, np);
        int ldd = pixels * np + 32;
        var d = new float[m * ldd];
        for (int i = 0; i < d.Length; i++) d[i] = rng.NextSingle() * 2 - 1;
        var dpix = Enumerable.Range(0, pixels).Select(j => (pixels - 1 - j) * np).ToArray(); // any pixel order
        var start = new float[m * k];
        for (int i = 0; i < start.Length; i++) start[i] = rng.NextSingle();
        var expected = (float[])start.Clone();
        IndirectGemm.WeightGradientReference(m, k, d, ldd, dpix, src, tap, pix, pixels, np, expected);
        int tiles = IndirectGemm.WeightGradientTiles(m, k);
        var whole = (float[])start.Clone();
        var split = (float[])start.Clone();
        fixed (float* dp = d, s = src, w1 = whole, w2 = split)
        fixed (int* dx = dpix, tp = tap, px = pix)
        {
            IndirectGemm.WeightGradient(m, k, dp, ldd, dx, s, tp, px, pixels, np, w1, 0, tiles);
            int mid = tiles / 3;
            IndirectGemm.WeightGradient(m, k, dp, ldd, dx, s, tp, px, pixels, np, w2, mid, tiles);
            IndirectGemm.WeightGradient(m, k, dp, ldd, dx, s, tp, px, pixels, np, w2, 0, mid);
        }
        AssertClose(expected, whole);
        Assert.Equal(whole, split); // each entry is computed by exactly one tile: splitting changes nothing
    }

    // Random source with a random tap table (any offsets) and pixel table, all within bounds.
    private static (Random Rng, float[] Src, int[] Tap, int[] Pix) Setup(int m, int k, int pixels, int np)
    {
        var rng = new Random(m * 1000 + k * 10 + pixels + np);
        int rowsOfLanes = 40;
        var src = new float[(rowsOfLanes + pixels + 1) * np];
        for (int i = 0; i < src.Length; i++) src[i] = rng.NextSingle() * 2 - 1;
        var tap = Enumerable.Range(0, k).Select(_ => rng.Next(rowsOfLanes) * np).ToArray();
        var pix = Enumerable.Range(0, pixels).Select(j => j * np).ToArray();
        return (rng, src, tap, pix);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= 1e-4f * (1 + MathF.Abs(expected[i])), $"[{i}]: {actual[i]} vs {expected[i]}");
    }
}
