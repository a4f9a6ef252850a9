using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Layers;

/// <summary>Max pooling over k×k windows with stride s (default s = k), no padding.</summary>
/// <remarks>
/// y[n,c,i,j] = max over the window; Backward routes dy to the arg-max (first one on ties, row-major).
/// NOTE: the gradient is undefined at ties; gradient checks keep samples away from them. The first maximal index wins,
/// as in PyTorch's CPU max_pool2d (it matters on MNIST's constant background, where a conv output equals its bias).
/// The common 2×2 / stride 2 case runs on AVX-512 (16 windows per step: even/odd lanes split by a
/// two-source permute, the arg-max kept as a 0..3 code); the general loop is the oracle and the fallback.
/// </remarks>
public sealed class MaxPool2d(string name, int kernel, int? stride = null) : Layer(name)
{
    public int Kernel { get; } = kernel >= 1 ? kernel : throw new ArgumentException($"{name}: kernel must be ≥ 1.");
    public int Stride { get; } = stride ?? kernel;

    private Tensor? _x, _y, _dx;
    private int[] _argmax = []; // general path: flat input index; 2×2 path: window position code 0..3
    private bool _vector;

    /// <summary>Forces the AVX-512 2×2 path on (true, where the hardware has it) or off (false). For tests.</summary>
    internal bool? UseVector { get; set; }

    public override int[] OutputShape(int[] s)
    {
        if (s.Length != 4) throw new ArgumentException($"{Name} expects [N,C,H,W], got [{string.Join(",", s)}].");
        int ho = (s[2] - Kernel) / Stride + 1, wo = (s[3] - Kernel) / Stride + 1;
        if (ho < 1 || wo < 1) throw new ArgumentException($"{Name}: input {s[2]}×{s[3]} is smaller than the window {Kernel}.");
        return [s[0], s[1], ho, wo];
    }

    // x [N,C,H,W] → y [N,C,Ho,Wo]
    public override Tensor Forward(Tensor x, bool training)
    {
        var shape = OutputShape(x.Shape);
        _x = x;
        var y = Reuse(ref _y, shape);
        if (_argmax.Length != y.Length) _argmax = new int[y.Length];
        _vector = Kernel == 2 && Stride == 2 && Avx512F.IsSupported && (UseVector ?? true);
        if (_vector) Vector2x2.Forward(x, y, _argmax);
        else ForwardGeneral(x, y);
        return y;
    }

    // dy [N,C,Ho,Wo] → dx [N,C,H,W]
    public override Tensor? Backward(Tensor dy, bool needInputGradient = true)
    {
        var x = Cached(_x);
        var dx = Reuse(ref _dx, x.Shape);
        if (_vector)
        {
            Vector2x2.Backward(dy, _argmax, dx);
            return dx;
        }
        Array.Clear(dx.Data);
        for (int o = 0; o < dy.Length; o++) dx.Data[_argmax[o]] += dy.Data[o];
        return dx;
    }

    private void ForwardGeneral(Tensor x, Tensor y)
    {
        int planes = y.Shape[0] * y.Shape[1], h = x.Shape[2], w = x.Shape[3], ho = y.Shape[2], wo = y.Shape[3];
        var argmax = _argmax;
        Parallelism.For(planes, (_, start, end) =>
        {
            for (int p = start; p < end; p++)
            {
                int inBase = p * h * w, outBase = p * ho * wo;
                for (int i = 0; i < ho; i++)
                    for (int j = 0; j < wo; j++)
                    {
                        int best = inBase + i * Stride * w + j * Stride;
                        float m = x.Data[best];
                        for (int di = 0; di < Kernel; di++)
                        {
                            int row = inBase + (i * Stride + di) * w + j * Stride;
                            for (int dj = 0; dj < Kernel; dj++)
                                if (x.Data[row + dj] > m) { m = x.Data[row + dj]; best = row + dj; }
                        }
                        y.Data[outBase + i * wo + j] = m;
                        argmax[outBase + i * wo + j] = best;
                    }
            }
        }, minPerChunk: 64);
    }

    // 2×2 windows, stride 2, one output row at a time in chunks of 16 windows (masked at the row's end).
    private static unsafe class Vector2x2
    {
        private static readonly Vector512<int> Even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        private static readonly Vector512<int> Odd = Even + Vector512<int>.One;
        private static readonly Vector512<int> Low = Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
        private static readonly Vector512<int> High = Low + Vector512.Create(8);

        public static void Forward(Tensor x, Tensor y, int[] code)
        {
            int h = x.Shape[2], w = x.Shape[3], ho = y.Shape[2], wo = y.Shape[3], rows = y.Shape[0] * y.Shape[1] * ho;
            Parallelism.For(rows, (_, r0, r1) =>
            {
                fixed (float* xs = x.Data, ys = y.Data)
                fixed (int* cs = code)
                    for (int r = r0; r < r1; r++)
                    {
                        int p = r / ho, i = r % ho;
                        float* top = xs + ((long)p * h + 2 * i) * w, bottom = top + w;
                        for (int j = 0; j < wo; j += 16)
                        {
                            int count = Math.Min(16, wo - j);
                            var (lo, hi, outMask) = Masks(count);
                            var t0 = Avx512F.MaskLoad(top + 2 * j, lo, default);
                            var t1 = Avx512F.MaskLoad(top + 2 * j + 16, hi, default);
                            var b0 = Avx512F.MaskLoad(bottom + 2 * j, lo, default);
                            var b1 = Avx512F.MaskLoad(bottom + 2 * j + 16, hi, default);
                            var m = Avx512F.PermuteVar16x32x2(t0, Even, t1);
                            var c = Vector512<int>.Zero;
                            // Window order (0,0), (0,1), (1,0), (1,1); strictly greater wins, as in the general loop.
                            Take(ref m, ref c, Avx512F.PermuteVar16x32x2(t0, Odd, t1), 1);
                            Take(ref m, ref c, Avx512F.PermuteVar16x32x2(b0, Even, b1), 2);
                            Take(ref m, ref c, Avx512F.PermuteVar16x32x2(b0, Odd, b1), 3);
                            long o = (long)r * wo + j;
                            Avx512F.MaskStore(ys + o, outMask, m);
                            Avx512F.MaskStore(cs + o, outMask.AsInt32(), c);
                        }
                    }
            }, minPerChunk: 256);
        }

        public static void Backward(Tensor dy, int[] code, Tensor dx)
        {
            int h = dx.Shape[2], w = dx.Shape[3], ho = dy.Shape[2], wo = dy.Shape[3], rows = dy.Shape[0] * dy.Shape[1] * ho;
            if (h != 2 * ho || w != 2 * wo) Array.Clear(dx.Data); // cells outside every window get no gradient
            Parallelism.For(rows, (_, r0, r1) =>
            {
                fixed (float* ds = dy.Data, xs = dx.Data)
                fixed (int* cs = code)
                    for (int r = r0; r < r1; r++)
                    {
                        int p = r / ho, i = r % ho;
                        float* top = xs + ((long)p * h + 2 * i) * w, bottom = top + w;
                        for (int j = 0; j < wo; j += 16)
                        {
                            int count = Math.Min(16, wo - j);
                            var (lo, hi, outMask) = Masks(count);
                            long o = (long)r * wo + j;
                            var g = Avx512F.MaskLoad(ds + o, outMask, default);
                            var c = Avx512F.MaskLoad(cs + o, outMask.AsInt32(), default);
                            var g0 = Pick(g, c, 0);
                            var g1 = Pick(g, c, 1);
                            var g2 = Pick(g, c, 2);
                            var g3 = Pick(g, c, 3);
                            Avx512F.MaskStore(top + 2 * j, lo, Avx512F.PermuteVar16x32x2(g0, Low, g1));
                            Avx512F.MaskStore(top + 2 * j + 16, hi, Avx512F.PermuteVar16x32x2(g0, High, g1));
                            Avx512F.MaskStore(bottom + 2 * j, lo, Avx512F.PermuteVar16x32x2(g2, Low, g3));
                            Avx512F.MaskStore(bottom + 2 * j + 16, hi, Avx512F.PermuteVar16x32x2(g2, High, g3));
                        }
                    }
            }, minPerChunk: 256);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Take(ref Vector512<float> m, ref Vector512<int> c, Vector512<float> v, int position)
        {
            var greater = Vector512.GreaterThan(v, m);
            m = Vector512.ConditionalSelect(greater, v, m);
            c = Vector512.ConditionalSelect(greater.AsInt32(), Vector512.Create(position), c);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> Pick(Vector512<float> g, Vector512<int> c, int position) =>
            Vector512.ConditionalSelect(Vector512.Equals(c, Vector512.Create(position)).AsSingle(), g, Vector512<float>.Zero);

        // Lane masks for `count` windows: the two input vectors (2·count floats) and the output vector (count).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static (Vector512<float> Lo, Vector512<float> Hi, Vector512<float> Out) Masks(int count)
        {
            var lanes = Vector512<int>.Indices;
            return (Vector512.LessThan(lanes, Vector512.Create(2 * count)).AsSingle(),
                    Vector512.LessThan(lanes, Vector512.Create(2 * count - 16)).AsSingle(),
                    Vector512.LessThan(lanes, Vector512.Create(count)).AsSingle());
        }
    }
}
