using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RobustLab.Engine.Tensors;

/// <summary>Single-threaded SGEMM: C[M,N] (+)= op(A)[M,K] · op(B)[K,N], row-major.</summary>
/// <remarks>
/// op(A) = A or Aᵀ, op(B) = B or Bᵀ; <c>lda</c>, <c>ldb</c>, <c>ldc</c> are the row strides of the
/// matrices as stored. Goto/BLIS structure: B is packed into KC×NR column panels, A into MR×KC row
/// panels, and an MR×NR register-blocked micro-kernel (5 rows × 2 Vector512) does the FMAs.
/// MR = 5 fits this engine's layer sizes (10, 20, 90, 120, 250 rows divide by 5). Callers
/// parallelise across examples, so this routine never spawns threads.
/// The naive <see cref="Reference"/> is kept as the oracle for the tests.
/// </remarks>
public static class Gemm
{
    private const int MR = 5, NR = 32, KC = 256, MC = 120, NC = 1024;

    [ThreadStatic] private static float[]? _packA;
    [ThreadStatic] private static float[]? _packB;

    public static void Sgemm(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate)
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) for (int i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
            return;
        }
        var packA = _packA ??= new float[MC * KC + MR * KC];
        var packB = _packB ??= new float[KC * NC + NR * KC];
        for (int jc = 0; jc < n; jc += NC)
        {
            int nc = Math.Min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC)
            {
                int kc = Math.Min(KC, k - pc);
                bool add = accumulate || pc > 0;
                PackB(transB, b, ldb, pc, kc, jc, nc, packB);
                for (int ic = 0; ic < m; ic += MC)
                {
                    int mc = Math.Min(MC, m - ic);
                    PackA(transA, a, lda, ic, mc, pc, kc, packA);
                    Macro(mc, nc, kc, packA, packB, c.Slice(ic * ldc + jc), ldc, add);
                }
            }
        }
    }

    /// <summary>Naive triple loop; the oracle for <see cref="Sgemm"/>.</summary>
    public static void Reference(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                {
                    float av = transA ? a[p * lda + i] : a[i * lda + p];
                    float bv = transB ? b[j * ldb + p] : b[p * ldb + j];
                    s += (double)av * bv;
                }
                c[i * ldc + j] = (float)(accumulate ? c[i * ldc + j] + s : s);
            }
    }

    // Packs rows [i0, i0+mc) × cols [p0, p0+kc) of op(A) as consecutive MR-row panels:
    // panel r holds, for each p, the MR values A(i0 + r·MR + 0..MR-1, p); missing rows are zero.
    private static void PackA(bool transA, ReadOnlySpan<float> a, int lda, int i0, int mc, int p0, int kc, float[] dst)
    {
        int d = 0;
        for (int ir = 0; ir < mc; ir += MR)
        {
            int rows = Math.Min(MR, mc - ir);
            for (int p = 0; p < kc; p++)
            {
                for (int r = 0; r < rows; r++)
                {
                    int i = i0 + ir + r, col = p0 + p;
                    dst[d + r] = transA ? a[col * lda + i] : a[i * lda + col];
                }
                for (int r = rows; r < MR; r++) dst[d + r] = 0f;
                d += MR;
            }
        }
    }

    // Packs rows [p0, p0+kc) × cols [j0, j0+nc) of op(B) as NR-column panels (zero-padded).
    private static void PackB(bool transB, ReadOnlySpan<float> b, int ldb, int p0, int kc, int j0, int nc, float[] dst)
    {
        int d = 0;
        for (int jr = 0; jr < nc; jr += NR)
        {
            int cols = Math.Min(NR, nc - jr);
            for (int p = 0; p < kc; p++)
            {
                var row = dst.AsSpan(d, NR);
                if (!transB)
                {
                    b.Slice((p0 + p) * ldb + j0 + jr, cols).CopyTo(row);
                }
                else
                {
                    for (int c = 0; c < cols; c++) row[c] = b[(j0 + jr + c) * ldb + p0 + p];
                }
                if (cols < NR) row.Slice(cols).Clear();
                d += NR;
            }
        }
    }

    private static void Macro(int mc, int nc, int kc, float[] packA, float[] packB, Span<float> c, int ldc, bool add)
    {
        Span<float> tile = stackalloc float[MR * NR];
        for (int jr = 0; jr < nc; jr += NR)
        {
            int cols = Math.Min(NR, nc - jr);
            ReadOnlySpan<float> bp = packB.AsSpan(jr * kc, kc * NR);
            for (int ir = 0; ir < mc; ir += MR)
            {
                int rows = Math.Min(MR, mc - ir);
                ReadOnlySpan<float> ap = packA.AsSpan(ir * kc, kc * MR);
                if (rows == MR && cols == NR)
                {
                    Kernel(kc, ap, bp, c.Slice(ir * ldc + jr), ldc, add);
                }
                else
                {
                    Kernel(kc, ap, bp, tile, NR, false);
                    for (int r = 0; r < rows; r++)
                    {
                        var src = tile.Slice(r * NR, cols);
                        var dst = c.Slice((ir + r) * ldc + jr, cols);
                        if (add) System.Numerics.Tensors.TensorPrimitives.Add(dst, src, dst);
                        else src.CopyTo(dst);
                    }
                }
            }
        }
    }

    // MR×NR micro-kernel: 10 Vector512 accumulators, one broadcast of A and two loads of B per k.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel(int kc, ReadOnlySpan<float> ap, ReadOnlySpan<float> bp, Span<float> c, int ldc, bool add)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default,
            c21 = default, c30 = default, c31 = default, c40 = default, c41 = default;
        ref float a = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(ap);
        ref float b = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(bp);
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.LoadUnsafe(ref b, (nuint)(p * NR));
            var b1 = Vector512.LoadUnsafe(ref b, (nuint)(p * NR + 16));
            int ai = p * MR;
            var a0 = Vector512.Create(Unsafe.Add(ref a, ai));
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00); c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(Unsafe.Add(ref a, ai + 1));
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10); c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(Unsafe.Add(ref a, ai + 2));
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20); c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(Unsafe.Add(ref a, ai + 3));
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30); c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(Unsafe.Add(ref a, ai + 4));
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40); c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
        }
        Store(c, 0, ldc, c00, c01, add);
        Store(c, 1, ldc, c10, c11, add);
        Store(c, 2, ldc, c20, c21, add);
        Store(c, 3, ldc, c30, c31, add);
        Store(c, 4, ldc, c40, c41, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Span<float> c, int row, int ldc, Vector512<float> v0, Vector512<float> v1, bool add)
    {
        var dst = c.Slice(row * ldc, NR);
        if (add)
        {
            v0 += Vector512.Create((ReadOnlySpan<float>)dst.Slice(0, 16));
            v1 += Vector512.Create((ReadOnlySpan<float>)dst.Slice(16, 16));
        }
        v0.CopyTo(dst);
        v1.CopyTo(dst.Slice(16));
    }
}
