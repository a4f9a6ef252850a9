using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RobustLab.Engine.Tensors;

/// <summary>
/// Indirect GEMM over "lane-major" activations, whose innermost dimension is the batch (padded to
/// <see cref="LaneBlock"/> lanes): every row a convolution needs is a contiguous run of lanes, so there is
/// no im2col and no packing of B.
/// </summary>
/// <remarks>
/// Legend: M output rows (channels), K taps, P pixels, np lanes (examples, np % 32 == 0).
/// A is given transposed and zero-padded to mpad rows: aT[aOff[t] + m] = A[m, t] (aOff[t] = t·mpad when A is dense).
/// <see cref="Forward"/>:  dst[m·ldm + j·np + l] = bias[m] + Σ_{t ∈ T(j)} aT[aOff[t] + m] · src[pix[j] + tap[t] + l]   (conv forward,
/// conv input gradient), where T(j) = [0,k) or, with an indirection list, [tapStart[g], tapStart[g+1]) for pixel j's
/// group g (groups of <see cref="GroupSize"/> pixels): the list may leave out taps that only read zero padding.
/// <see cref="WeightGradient"/>: dA[m·k + t] += Σ_j Σ_l d[m·ldd + dpix[j] + l] · src[pix[j] + tap[t] + l]   (conv weight gradient).
/// Register tiles: 5 rows × 64 or 32 lanes (one pixel), 4 pixels × 32 lanes when M &lt; 5, and 5 rows × 4 taps
/// × 16 lanes for the weight gradient; all are FMA chains on Vector512. Each output element is produced by one
/// call in a fixed order, so results do not depend on how callers split the work across threads.
/// The naive loops <see cref="ForwardReference"/> and <see cref="WeightGradientReference"/> are the oracles.
/// </remarks>
internal static unsafe class IndirectGemm
{
    public const int MR = 5;
    public const int LaneBlock = 32;
    private const int V = 16;

    /// <summary>mpad for M rows: the smallest multiple of <see cref="MR"/> ≥ M.</summary>
    public static int PaddedRows(int m) => (m + MR - 1) / MR * MR;

    /// <summary>Pixels per indirection-list group: 1 when the 5-row kernel runs (m ≥ 5), 4 for the 4-pixel kernel (m &lt; 5).</summary>
    public static int GroupSize(int m) => m >= MR ? 1 : 4;

    /// <summary>np for n examples: the smallest multiple of <see cref="LaneBlock"/> ≥ n.</summary>
    public static int PaddedLanes(int n) => (n + LaneBlock - 1) / LaneBlock * LaneBlock;

    /// <summary>
    /// Output rows [0,m) for pixels [0,count): see the class remarks. bias has mpad entries; tapStart is null (all
    /// pixels use taps [0,k)) or holds ⌈count/GroupSize(m)⌉ + 1 list bounds, for groups starting at pixel 0.
    /// </summary>
    public static void Forward(int m, int mpad, float* aT, float* bias, float* src, int* tap, int* aOff, int k, int* tapStart,
        int* pix, int count, int np, float* dst, int ldm)
    {
        if (m < MR)
        {
            for (int j = 0; j < count; j += 4)
            {
                int valid = Math.Min(4, count - j);
                int t0 = tapStart is null ? 0 : tapStart[j / 4], t1 = tapStart is null ? k : tapStart[j / 4 + 1];
                int p0 = pix[j], p1 = pix[j + Math.Min(1, valid - 1)], p2 = pix[j + Math.Min(2, valid - 1)], p3 = pix[j + Math.Min(3, valid - 1)];
                for (int r = 0; r < m; r++)
                    for (int l = 0; l < np; l += LaneBlock)
                        Pixels4x32(t0, t1, aT + r, aOff, bias[r], src + l, p0, p1, p2, p3, tap, dst + (long)r * ldm + (long)j * np + l, np, valid);
            }
            return;
        }
        for (int j = 0; j < count; j++)
        {
            float* s = src + pix[j];
            float* d = dst + (long)j * np;
            int t0 = tapStart is null ? 0 : tapStart[j], t1 = tapStart is null ? k : tapStart[j + 1];
            int l = 0;
            for (; l + 2 * LaneBlock <= np; l += 2 * LaneBlock)
                for (int r = 0; r < m; r += MR)
                    Rows5x64(t0, t1, aT + r, aOff, bias + r, s + l, tap, d + (long)r * ldm + l, ldm, Math.Min(MR, m - r));
            for (; l < np; l += LaneBlock)
                for (int r = 0; r < m; r += MR)
                    Rows5x32(t0, t1, aT + r, aOff, bias + r, s + l, tap, d + (long)r * ldm + l, ldm, Math.Min(MR, m - r));
        }
    }

    /// <summary>
    /// Like <see cref="Forward"/> for m &lt; 5 rows, with a 1×5 window sliding along rows of pixels: pixel groups of 4
    /// consecutive pixels (pix[j+i] = pix[j] + i·np), and per group a list of pairs [pairStart[g], pairStart[g+1]),
    /// each pair p standing for the 5 taps tap[p] + kj·np with weights aT[aOff[p] + kj·mpad + r], kj = 0..4:
    /// dst[r·ldm + j·np + l] = bias[r] + Σ_p Σ_kj aT[aOff[p] + kj·mpad + r] · src[pix[j] + tap[p] + kj·np + l].
    /// Eight loaded columns serve 4 pixels × 5 taps (a convolution's input gradient for few channels). count % 4 == 0.
    /// </summary>
    public static void Window5(int m, int mpad, float* aT, float* bias, float* src, int* tap, int* aOff, int* pairStart,
        int* pix, int count, int np, float* dst, int ldm)
    {
        for (int j = 0; j < count; j += 4)
            for (int r = 0; r < m; r++)
                for (int l = 0; l < np; l += LaneBlock)
                    Window4x32(pairStart[j / 4], pairStart[j / 4 + 1], aT + r, aOff, mpad, bias[r], src + pix[j] + l, tap,
                        dst + (long)r * ldm + (long)j * np + l, np);
    }

    /// <summary>Naive <see cref="Window5"/> (double accumulation); the oracle for tests.</summary>
    public static void Window5Reference(int m, int mpad, ReadOnlySpan<float> aT, ReadOnlySpan<float> bias, ReadOnlySpan<float> src,
        ReadOnlySpan<int> tap, ReadOnlySpan<int> aOff, ReadOnlySpan<int> pairStart, ReadOnlySpan<int> pix, int count, int np, Span<float> dst, int ldm)
    {
        for (int r = 0; r < m; r++)
            for (int j = 0; j < count; j++)
                for (int l = 0; l < np; l++)
                {
                    double s = bias[r];
                    for (int p = pairStart[j / 4]; p < pairStart[j / 4 + 1]; p++)
                        for (int kj = 0; kj < 5; kj++) s += (double)aT[aOff[p] + kj * mpad + r] * src[pix[j] + tap[p] + kj * np + l];
                    dst[r * ldm + j * np + l] = (float)s;
                }
    }

    /// <summary>Weight-gradient tiles [tile0, tile1) of the ⌈m/5⌉ × ⌈k/4⌉ grid (row-block major): see the class remarks.</summary>
    /// <remarks>
    /// Pixels are the outer loop, in blocks of <see cref="SumBlock"/>: every tile of the range adds its block into
    /// its running totals before the next block, so the block's rows of d and src are read from cache by all tiles
    /// instead of streaming the whole of d once per tile. Each tile's sum order is fixed (two-level: registers over a
    /// block, then the totals), whatever the range.
    /// </remarks>
    public static void WeightGradient(int m, int k, float* d, int ldd, int* dpix, float* src, int* tap, int* pix, int count, int np, float* dA, int tile0, int tile1)
    {
        int tapBlocks = (k + 3) / 4, tiles = tile1 - tile0;
        if (tiles <= 0) return;
        _totals = AlignedBuffer.AtLeast(_totals, tiles * 20 * V);
        var totals = (Vector512<float>*)_totals.Pointer;
        new Span<float>(totals, tiles * 20 * V).Clear();
        for (int j0 = 0; j0 < count; j0 += SumBlock)
        {
            int j1 = Math.Min(count, j0 + SumBlock);
            for (int tile = tile0; tile < tile1; tile++)
            {
                int r0 = tile / tapBlocks * MR, t0 = tile % tapBlocks * 4;
                Block5x4(m, k, r0, t0, d, ldd, dpix, src, tap, pix, j0, j1, np, totals + (tile - tile0) * 20);
            }
        }
        for (int tile = tile0; tile < tile1; tile++)
        {
            int r0 = tile / tapBlocks * MR, t0 = tile % tapBlocks * 4;
            for (int r = 0; r < MR; r++) AddRow(dA, m, k, r0 + r, t0, totals + (tile - tile0) * 20 + 4 * r);
        }
    }

    private const int SumBlock = 16;
    [ThreadStatic] private static AlignedBuffer? _totals;

    /// <summary>Number of tiles <see cref="WeightGradient"/> splits an m × k gradient into.</summary>
    public static int WeightGradientTiles(int m, int k) => (m + MR - 1) / MR * ((k + 3) / 4);

    /// <summary>Naive <see cref="Forward"/> (double accumulation); the oracle for tests.</summary>
    public static void ForwardReference(int m, ReadOnlySpan<float> aT, ReadOnlySpan<float> bias, ReadOnlySpan<float> src,
        ReadOnlySpan<int> tap, ReadOnlySpan<int> aOff, int k, ReadOnlySpan<int> tapStart, ReadOnlySpan<int> pix, int count, int np, Span<float> dst, int ldm)
    {
        int g = GroupSize(m);
        for (int r = 0; r < m; r++)
            for (int j = 0; j < count; j++)
                for (int l = 0; l < np; l++)
                {
                    double s = bias[r];
                    int t0 = tapStart.IsEmpty ? 0 : tapStart[j / g], t1 = tapStart.IsEmpty ? k : tapStart[j / g + 1];
                    for (int t = t0; t < t1; t++) s += (double)aT[aOff[t] + r] * src[pix[j] + tap[t] + l];
                    dst[r * ldm + j * np + l] = (float)s;
                }
    }

    /// <summary>Naive <see cref="WeightGradient"/> over all tiles (double accumulation); the oracle for tests.</summary>
    public static void WeightGradientReference(int m, int k, ReadOnlySpan<float> d, int ldd, ReadOnlySpan<int> dpix, ReadOnlySpan<float> src,
        ReadOnlySpan<int> tap, ReadOnlySpan<int> pix, int count, int np, Span<float> dA)
    {
        for (int r = 0; r < m; r++)
            for (int t = 0; t < k; t++)
            {
                double s = 0;
                for (int j = 0; j < count; j++)
                    for (int l = 0; l < np; l++) s += (double)d[r * ldd + dpix[j] + l] * src[pix[j] + tap[t] + l];
                dA[r * k + t] += (float)s;
            }
    }

    // 5 rows × 64 lanes of one pixel: 20 accumulators; per tap 4 loads of B, 5 broadcasts of A, 20 FMAs.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows5x64(int t0, int t1, float* aT, int* aOff, float* bias, float* s, int* tap, float* d, int ldm, int rows)
    {
        var c00 = Vector512.Create(bias[0]); var c01 = c00; var c02 = c00; var c03 = c00;
        var c10 = Vector512.Create(bias[1]); var c11 = c10; var c12 = c10; var c13 = c10;
        var c20 = Vector512.Create(bias[2]); var c21 = c20; var c22 = c20; var c23 = c20;
        var c30 = Vector512.Create(bias[3]); var c31 = c30; var c32 = c30; var c33 = c30;
        var c40 = Vector512.Create(bias[4]); var c41 = c40; var c42 = c40; var c43 = c40;
        for (int t = t0; t < t1; t++)
        {
            float* b = s + tap[t];
            float* a = aT + aOff[t];
            var b0 = Vector512.Load(b); var b1 = Vector512.Load(b + V); var b2 = Vector512.Load(b + 2 * V); var b3 = Vector512.Load(b + 3 * V);
            var x = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            c02 = Vector512.FusedMultiplyAdd(x, b2, c02); c03 = Vector512.FusedMultiplyAdd(x, b3, c03);
            x = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            c12 = Vector512.FusedMultiplyAdd(x, b2, c12); c13 = Vector512.FusedMultiplyAdd(x, b3, c13);
            x = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            c22 = Vector512.FusedMultiplyAdd(x, b2, c22); c23 = Vector512.FusedMultiplyAdd(x, b3, c23);
            x = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            c32 = Vector512.FusedMultiplyAdd(x, b2, c32); c33 = Vector512.FusedMultiplyAdd(x, b3, c33);
            x = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            c42 = Vector512.FusedMultiplyAdd(x, b2, c42); c43 = Vector512.FusedMultiplyAdd(x, b3, c43);
        }
        Store4(d, c00, c01, c02, c03);
        if (rows > 1) Store4(d + ldm, c10, c11, c12, c13);
        if (rows > 2) Store4(d + 2L * ldm, c20, c21, c22, c23);
        if (rows > 3) Store4(d + 3L * ldm, c30, c31, c32, c33);
        if (rows > 4) Store4(d + 4L * ldm, c40, c41, c42, c43);
    }

    // 5 rows × 32 lanes of one pixel (the lane remainder when np is not a multiple of 64).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows5x32(int t0, int t1, float* aT, int* aOff, float* bias, float* s, int* tap, float* d, int ldm, int rows)
    {
        var c00 = Vector512.Create(bias[0]); var c01 = c00;
        var c10 = Vector512.Create(bias[1]); var c11 = c10;
        var c20 = Vector512.Create(bias[2]); var c21 = c20;
        var c30 = Vector512.Create(bias[3]); var c31 = c30;
        var c40 = Vector512.Create(bias[4]); var c41 = c40;
        for (int t = t0; t < t1; t++)
        {
            float* b = s + tap[t];
            float* a = aT + aOff[t];
            var b0 = Vector512.Load(b); var b1 = Vector512.Load(b + V);
            var x = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
        }
        Store2(d, c00, c01);
        if (rows > 1) Store2(d + ldm, c10, c11);
        if (rows > 2) Store2(d + 2L * ldm, c20, c21);
        if (rows > 3) Store2(d + 3L * ldm, c30, c31);
        if (rows > 4) Store2(d + 4L * ldm, c40, c41);
    }

    // One row × 4 pixels × 32 lanes (for M < 5, e.g. the input gradient of a 1-channel convolution).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Pixels4x32(int t0, int t1, float* aT, int* aOff, float bias, float* s, int p0, int p1, int p2, int p3, int* tap, float* d, int np, int valid)
    {
        var c00 = Vector512.Create(bias); var c01 = c00; var c10 = c00; var c11 = c00;
        var c20 = c00; var c21 = c00; var c30 = c00; var c31 = c00;
        float* s0 = s + p0, s1 = s + p1, s2 = s + p2, s3 = s + p3;
        for (int t = t0; t < t1; t++)
        {
            int o = tap[t];
            var x = Vector512.Create(aT[aOff[t]]);
            c00 = Vector512.FusedMultiplyAdd(x, Vector512.Load(s0 + o), c00); c01 = Vector512.FusedMultiplyAdd(x, Vector512.Load(s0 + o + V), c01);
            c10 = Vector512.FusedMultiplyAdd(x, Vector512.Load(s1 + o), c10); c11 = Vector512.FusedMultiplyAdd(x, Vector512.Load(s1 + o + V), c11);
            c20 = Vector512.FusedMultiplyAdd(x, Vector512.Load(s2 + o), c20); c21 = Vector512.FusedMultiplyAdd(x, Vector512.Load(s2 + o + V), c21);
            c30 = Vector512.FusedMultiplyAdd(x, Vector512.Load(s3 + o), c30); c31 = Vector512.FusedMultiplyAdd(x, Vector512.Load(s3 + o + V), c31);
        }
        Store2(d, c00, c01);
        if (valid > 1) Store2(d + np, c10, c11);
        if (valid > 2) Store2(d + 2L * np, c20, c21);
        if (valid > 3) Store2(d + 3L * np, c30, c31);
    }

    // One row × 4 consecutive pixels × 32 lanes, 5 taps per pair sliding along the row: per pair 16 loads
    // (8 columns × 2 vectors), 5 broadcasts and 40 FMAs into 8 accumulators.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Window4x32(int p0, int p1, float* aT, int* aOff, int mpad, float bias, float* s, int* tap, float* d, int np)
    {
        var c00 = Vector512.Create(bias); var c01 = c00; var c10 = c00; var c11 = c00;
        var c20 = c00; var c21 = c00; var c30 = c00; var c31 = c00;
        long n1 = np, n2 = 2L * np, n3 = 3L * np, n4 = 4L * np;
        for (int p = p0; p < p1; p++)
        {
            float* b = s + tap[p];
            float* a = aT + aOff[p];
            var x00 = Vector512.Load(b); var x01 = Vector512.Load(b + V);
            var x10 = Vector512.Load(b + n1); var x11 = Vector512.Load(b + n1 + V);
            var x20 = Vector512.Load(b + n2); var x21 = Vector512.Load(b + n2 + V);
            var x30 = Vector512.Load(b + n3); var x31 = Vector512.Load(b + n3 + V);
            var w = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(w, x00, c00); c01 = Vector512.FusedMultiplyAdd(w, x01, c01);
            c10 = Vector512.FusedMultiplyAdd(w, x10, c10); c11 = Vector512.FusedMultiplyAdd(w, x11, c11);
            c20 = Vector512.FusedMultiplyAdd(w, x20, c20); c21 = Vector512.FusedMultiplyAdd(w, x21, c21);
            c30 = Vector512.FusedMultiplyAdd(w, x30, c30); c31 = Vector512.FusedMultiplyAdd(w, x31, c31);
            b += n4;
            var x40 = Vector512.Load(b); var x41 = Vector512.Load(b + V);
            w = Vector512.Create(a[mpad]);
            c00 = Vector512.FusedMultiplyAdd(w, x10, c00); c01 = Vector512.FusedMultiplyAdd(w, x11, c01);
            c10 = Vector512.FusedMultiplyAdd(w, x20, c10); c11 = Vector512.FusedMultiplyAdd(w, x21, c11);
            c20 = Vector512.FusedMultiplyAdd(w, x30, c20); c21 = Vector512.FusedMultiplyAdd(w, x31, c21);
            c30 = Vector512.FusedMultiplyAdd(w, x40, c30); c31 = Vector512.FusedMultiplyAdd(w, x41, c31);
            var x50 = Vector512.Load(b + n1); var x51 = Vector512.Load(b + n1 + V);
            w = Vector512.Create(a[2 * mpad]);
            c00 = Vector512.FusedMultiplyAdd(w, x20, c00); c01 = Vector512.FusedMultiplyAdd(w, x21, c01);
            c10 = Vector512.FusedMultiplyAdd(w, x30, c10); c11 = Vector512.FusedMultiplyAdd(w, x31, c11);
            c20 = Vector512.FusedMultiplyAdd(w, x40, c20); c21 = Vector512.FusedMultiplyAdd(w, x41, c21);
            c30 = Vector512.FusedMultiplyAdd(w, x50, c30); c31 = Vector512.FusedMultiplyAdd(w, x51, c31);
            var x60 = Vector512.Load(b + n2); var x61 = Vector512.Load(b + n2 + V);
            w = Vector512.Create(a[3 * mpad]);
            c00 = Vector512.FusedMultiplyAdd(w, x30, c00); c01 = Vector512.FusedMultiplyAdd(w, x31, c01);
            c10 = Vector512.FusedMultiplyAdd(w, x40, c10); c11 = Vector512.FusedMultiplyAdd(w, x41, c11);
            c20 = Vector512.FusedMultiplyAdd(w, x50, c20); c21 = Vector512.FusedMultiplyAdd(w, x51, c21);
            c30 = Vector512.FusedMultiplyAdd(w, x60, c30); c31 = Vector512.FusedMultiplyAdd(w, x61, c31);
            var x70 = Vector512.Load(b + n3); var x71 = Vector512.Load(b + n3 + V);
            w = Vector512.Create(a[4 * mpad]);
            c00 = Vector512.FusedMultiplyAdd(w, x40, c00); c01 = Vector512.FusedMultiplyAdd(w, x41, c01);
            c10 = Vector512.FusedMultiplyAdd(w, x50, c10); c11 = Vector512.FusedMultiplyAdd(w, x51, c11);
            c20 = Vector512.FusedMultiplyAdd(w, x60, c20); c21 = Vector512.FusedMultiplyAdd(w, x61, c21);
            c30 = Vector512.FusedMultiplyAdd(w, x70, c30); c31 = Vector512.FusedMultiplyAdd(w, x71, c31);
        }
        Store2(d, c00, c01);
        Store2(d + np, c10, c11);
        Store2(d + 2L * np, c20, c21);
        Store2(d + 3L * np, c30, c31);
    }

    // Pixels [j0, j1) of the tile dA[r0..r0+5) × [t0..t0+4): 20 vector accumulators, added to total[0..20) at the end.
    // Rows and taps past the end are clamped to the last one (computed, never stored).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block5x4(int m, int k, int r0, int t0, float* d, int ldd, int* dpix, float* src, int* tap, int* pix, int j0, int j1, int np, Vector512<float>* total)
    {
        float* d0 = d + (long)Math.Min(r0, m - 1) * ldd, d1 = d + (long)Math.Min(r0 + 1, m - 1) * ldd,
            d2 = d + (long)Math.Min(r0 + 2, m - 1) * ldd, d3 = d + (long)Math.Min(r0 + 3, m - 1) * ldd,
            d4 = d + (long)Math.Min(r0 + 4, m - 1) * ldd;
        int q0 = tap[Math.Min(t0, k - 1)], q1 = tap[Math.Min(t0 + 1, k - 1)], q2 = tap[Math.Min(t0 + 2, k - 1)], q3 = tap[Math.Min(t0 + 3, k - 1)];
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default,
            c20 = default, c21 = default, c22 = default, c23 = default, c30 = default, c31 = default, c32 = default, c33 = default,
            c40 = default, c41 = default, c42 = default, c43 = default;
        for (int j = j0; j < j1; j++)
        {
            int dj = dpix[j];
            float* x = src + pix[j];
            for (int l = 0; l < np; l += V)
            {
                var x0 = Vector512.Load(x + q0 + l); var x1 = Vector512.Load(x + q1 + l);
                var x2 = Vector512.Load(x + q2 + l); var x3 = Vector512.Load(x + q3 + l);
                var g = Vector512.Load(d0 + dj + l);
                c00 = Vector512.FusedMultiplyAdd(g, x0, c00); c01 = Vector512.FusedMultiplyAdd(g, x1, c01);
                c02 = Vector512.FusedMultiplyAdd(g, x2, c02); c03 = Vector512.FusedMultiplyAdd(g, x3, c03);
                g = Vector512.Load(d1 + dj + l);
                c10 = Vector512.FusedMultiplyAdd(g, x0, c10); c11 = Vector512.FusedMultiplyAdd(g, x1, c11);
                c12 = Vector512.FusedMultiplyAdd(g, x2, c12); c13 = Vector512.FusedMultiplyAdd(g, x3, c13);
                g = Vector512.Load(d2 + dj + l);
                c20 = Vector512.FusedMultiplyAdd(g, x0, c20); c21 = Vector512.FusedMultiplyAdd(g, x1, c21);
                c22 = Vector512.FusedMultiplyAdd(g, x2, c22); c23 = Vector512.FusedMultiplyAdd(g, x3, c23);
                g = Vector512.Load(d3 + dj + l);
                c30 = Vector512.FusedMultiplyAdd(g, x0, c30); c31 = Vector512.FusedMultiplyAdd(g, x1, c31);
                c32 = Vector512.FusedMultiplyAdd(g, x2, c32); c33 = Vector512.FusedMultiplyAdd(g, x3, c33);
                g = Vector512.Load(d4 + dj + l);
                c40 = Vector512.FusedMultiplyAdd(g, x0, c40); c41 = Vector512.FusedMultiplyAdd(g, x1, c41);
                c42 = Vector512.FusedMultiplyAdd(g, x2, c42); c43 = Vector512.FusedMultiplyAdd(g, x3, c43);
            }
        }
        total[0] += c00; total[1] += c01; total[2] += c02; total[3] += c03;
        total[4] += c10; total[5] += c11; total[6] += c12; total[7] += c13;
        total[8] += c20; total[9] += c21; total[10] += c22; total[11] += c23;
        total[12] += c30; total[13] += c31; total[14] += c32; total[15] += c33;
        total[16] += c40; total[17] += c41; total[18] += c42; total[19] += c43;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(float* dA, int m, int k, int r, int t0, Vector512<float>* v)
    {
        if (r >= m) return;
        float* row = dA + (long)r * k + t0;
        for (int q = 0; q < 4 && t0 + q < k; q++) row[q] += Vector512.Sum(v[q]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store4(float* d, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3)
    {
        v0.Store(d); v1.Store(d + V); v2.Store(d + 2 * V); v3.Store(d + 3 * V);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store2(float* d, Vector512<float> v0, Vector512<float> v1)
    {
        v0.Store(d); v1.Store(d + V);
    }
}
