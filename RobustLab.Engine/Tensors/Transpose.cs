using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RobustLab.Engine.Tensors;

/// <summary>Out-of-place 2-D transpose with strides: dst[c·ldd + r] = src[r·lds + c] for r &lt; rows, c &lt; cols.</summary>
/// <remarks>
/// 8×8 blocks are transposed in AVX registers (unpack / shuffle / 128-bit permute, 24 shuffles per block);
/// ragged edges reuse an overlapping full block when the matrix is at least 8×8 (it rewrites the same
/// values), else fall back to the scalar loop. <see cref="Reference"/> is the oracle. src and dst must not overlap.
/// </remarks>
public static unsafe class Transpose
{
    private const int B = 8;

    public static void Run(ReadOnlySpan<float> src, int lds, Span<float> dst, int ldd, int rows, int cols)
    {
        if (rows == 0 || cols == 0) return;
        if ((long)(rows - 1) * lds + cols > src.Length || (long)(cols - 1) * ldd + rows > dst.Length)
            throw new ArgumentException($"Transpose {rows}×{cols} (lds {lds}, ldd {ldd}) outside the buffers ({src.Length}, {dst.Length}).");
        fixed (float* s = src)
        fixed (float* d = dst)
            Run(s, lds, d, ldd, rows, cols);
    }

    /// <summary>Unchecked pointer form of <see cref="Run(ReadOnlySpan{float}, int, Span{float}, int, int, int)"/>.</summary>
    internal static void Run(float* src, int lds, float* dst, int ldd, int rows, int cols)
    {
        if (!Avx.IsSupported || rows < B || cols < B)
        {
            Scalar(src, lds, dst, ldd, rows, cols);
            return;
        }
        for (int r0 = 0; r0 < rows; r0 += B)
        {
            int r = Math.Min(r0, rows - B);
            for (int c0 = 0; c0 < cols; c0 += B)
            {
                int c = Math.Min(c0, cols - B);
                Block8(src + (long)r * lds + c, lds, dst + (long)c * ldd + r, ldd);
            }
        }
    }

    /// <summary>The naive loop; the oracle for <see cref="Run(ReadOnlySpan{float}, int, Span{float}, int, int, int)"/>.</summary>
    public static void Reference(ReadOnlySpan<float> src, int lds, Span<float> dst, int ldd, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                dst[c * ldd + r] = src[r * lds + c];
    }

    private static void Scalar(float* src, int lds, float* dst, int ldd, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
        {
            float* s = src + (long)r * lds;
            for (int c = 0; c < cols; c++) dst[(long)c * ldd + r] = s[c];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block8(float* s, int lds, float* d, int ldd)
    {
        var r0 = Avx.LoadVector256(s);
        var r1 = Avx.LoadVector256(s + lds);
        var r2 = Avx.LoadVector256(s + 2L * lds);
        var r3 = Avx.LoadVector256(s + 3L * lds);
        var r4 = Avx.LoadVector256(s + 4L * lds);
        var r5 = Avx.LoadVector256(s + 5L * lds);
        var r6 = Avx.LoadVector256(s + 6L * lds);
        var r7 = Avx.LoadVector256(s + 7L * lds);
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(d + ldd, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(d + 2L * ldd, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(d + 3L * ldd, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(d + 4L * ldd, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(d + 5L * ldd, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(d + 6L * ldd, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(d + 7L * ldd, Avx.Permute2x128(u3, u7, 0x31));
    }
}
