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

    [ThreadStatic] private static AlignedBuffer? _packA; // 64-byte aligned: the kernel's Vector512 loads of B never split a line
    [ThreadStatic] private static AlignedBuffer? _packB;

    public static void Sgemm(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate)
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) for (int i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
            return;
        }
        var packA = (_packA ??= new AlignedBuffer(MC * KC + MR * KC)).Span;
        var packB = (_packB ??= new AlignedBuffer(KC * NC + NR * KC)).Span;
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
    private static void PackA(bool transA, ReadOnlySpan<float> a, int lda, int i0, int mc, int p0, int kc, Span<float> dst)
    {
        int d = 0;
        for (int ir = 0; ir < mc; ir += MR)
        {
            int rows = Math.Min(MR, mc - ir), i = i0 + ir;
            var panel = dst.Slice(d, kc * MR);
            if (rows < MR) panel.Clear();
            if (transA)
            {
                // op(A)(i, p) = a[p·lda + i]: MR consecutive values per p.
                for (int p = 0; p < kc; p++) a.Slice((p0 + p) * lda + i, rows).CopyTo(panel.Slice(p * MR));
            }
            else
            {
                for (int r = 0; r < rows; r++)
                {
                    var row = a.Slice((i + r) * lda + p0, kc);
                    for (int p = 0; p < kc; p++) panel[p * MR + r] = row[p];
                }
            }
            d += kc * MR;
        }
    }

    // Packs rows [p0, p0+kc) × cols [j0, j0+nc) of op(B) as NR-column panels (zero-padded).
    private static void PackB(bool transB, ReadOnlySpan<float> b, int ldb, int p0, int kc, int j0, int nc, Span<float> dst)
    {
        int d = 0;
        for (int jr = 0; jr < nc; jr += NR)
        {
            int cols = Math.Min(NR, nc - jr);
            var panel = dst.Slice(d, kc * NR);
            if (!transB)
            {
                for (int p = 0; p < kc; p++)
                {
                    var row = panel.Slice(p * NR, NR);
                    b.Slice((p0 + p) * ldb + j0 + jr, cols).CopyTo(row);
                    if (cols < NR) row.Slice(cols).Clear();
                }
            }
            else
            {
                // op(B)(p, j) = b[j·ldb + p]: the panel is the transpose of a cols × kc block of b.
                if (cols < NR) panel.Clear();
                Transpose.Run(b.Slice((j0 + jr) * ldb + p0), ldb, panel, NR, cols, kc);
            }
            d += kc * NR;
        }
    }

    private static void Macro(int mc, int nc, int kc, ReadOnlySpan<float> packA, ReadOnlySpan<float> packB, Span<float> c, int ldc, bool add)
    {
        Span<float> tile = stackalloc float[MR * NR];
        for (int jr = 0; jr < nc; jr += NR)
        {
            int cols = Math.Min(NR, nc - jr);
            ReadOnlySpan<float> bp = packB.Slice(jr * kc, kc * NR);
            for (int ir = 0; ir < mc; ir += MR)
            {
                int rows = Math.Min(MR, mc - ir);
                ReadOnlySpan<float> ap = packA.Slice(ir * kc, kc * MR);
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
    private static unsafe void Kernel(int kc, ReadOnlySpan<float> ap, ReadOnlySpan<float> bp, Span<float> c, int ldc, bool add)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default,
            c21 = default, c30 = default, c31 = default, c40 = default, c41 = default;
        fixed (float* a0 = ap, b0 = bp)
        {
            float* a = a0, b = b0, end = b0 + (long)kc * NR;
            for (; b < end; a += MR, b += NR)
            {
                var x0 = Vector512.Load(b);
                var x1 = Vector512.Load(b + 16);
                var w = Vector512.Create(a[0]);
                c00 = Vector512.FusedMultiplyAdd(w, x0, c00); c01 = Vector512.FusedMultiplyAdd(w, x1, c01);
                w = Vector512.Create(a[1]);
                c10 = Vector512.FusedMultiplyAdd(w, x0, c10); c11 = Vector512.FusedMultiplyAdd(w, x1, c11);
                w = Vector512.Create(a[2]);
                c20 = Vector512.FusedMultiplyAdd(w, x0, c20); c21 = Vector512.FusedMultiplyAdd(w, x1, c21);
                w = Vector512.Create(a[3]);
                c30 = Vector512.FusedMultiplyAdd(w, x0, c30); c31 = Vector512.FusedMultiplyAdd(w, x1, c31);
                w = Vector512.Create(a[4]);
                c40 = Vector512.FusedMultiplyAdd(w, x0, c40); c41 = Vector512.FusedMultiplyAdd(w, x1, c41);
            }
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
