using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Layers;

/// <summary>Conv2d's fast path for batches: stride 1, padding &lt; k, computed in lane-major layout with <see cref="IndirectGemm"/>.</summary>
/// <remarks>
/// Lane layout: x [N,C,H,W] becomes xt [C, H+2p, W+2p, Np] (batch innermost, zero spatial padding, zero lanes
/// past N; Np = N rounded up to 32). Then, with taps t = (c,ki,kj) and pixels (oh,ow):
///   forward   y[n,o,oh,ow] = b[o] + Σ_t W[o,t] · xt[c, oh+ki, ow+kj, n];
///   dW        dW[o,t] += Σ_{oh,ow,n} dyt[o, oh+q, ow+q, n] · xt[c, oh+ki, ow+kj, n]   (q = 0 when dx is not wanted);
///   dx        dx[n,c,ih,iw] = Σ_{o,ki,kj} W[o,c,k−1−ki,k−1−kj] · dyt[o, ih+ki, iw+kj, n]   (a "full" correlation),
/// where dyt [O, Ho+2q, Wo+2q, Np] holds dy with q = k−1−p zeros around it; each input pixel's tap list leaves out
/// the taps that would only read that zero border (for lenet's conv2 that is more than half of them), and with
/// fewer than 5 input channels and 5×5 kernels dx slides 1×5 windows along rows (<see cref="IndirectGemm.Window5"/>).
/// Outputs are computed 16 pixels at a time into a per-thread scratch [rows, 16, Np] and transposed straight into
/// NCHW. Work is split over pixels (forward, dx) or weight tiles (dW), each element computed whole by one thread:
/// results do not depend on the thread count. Conv2d keeps its im2col path for small batches and as the test oracle.
/// </remarks>
internal sealed unsafe class LaneConvolution(int inChannels, int outChannels, int kernel, int padding)
{
    private const int PixelBlock = 16; // a multiple of 4 (pixel groups); 16 floats = one cache line of NCHW output

    private readonly int _c = inChannels, _o = outChannels, _k = kernel, _p = padding, _q = kernel - 1 - padding;
    private int _n = -1, _h = -1, _w = -1, _np, _hp, _wp, _ho, _wo, _hq, _wq, _dytBorder;
    private AlignedBuffer _xt = new(0), _dyt = new(0); // 64-byte aligned: Vector512 loads of lanes never split a cache line
    private float[] _aT = [], _bias = [], _a2T = [], _zeros = [];
    private int[] _tap = [], _aOff = [], _pix = [], _dpix = [], _dpix0 = [], _tap2 = [], _aOff2 = [], _start2 = [], _pix2 = [];
    private bool _window; // input gradient by IndirectGemm.Window5 (pairs (o,ki) of 5 sliding taps) instead of tap lists
    [ThreadStatic] private static AlignedBuffer? _scratch; // [rows, PixelBlock, Np] of the block being computed

    public static bool Supports(int stride, int padding, int kernel) => stride == 1 && padding < kernel;

    private int Taps => _c * _k * _k;
    private int Taps2 => _o * _k * _k;

    // x [N,C,H,W] → y [N,O,Ho,Wo]; keeps xt for the weight gradient.
    public void Forward(Tensor x, float[] weight, float[] bias, Tensor y)
    {
        Prepare(x.N, x.Shape[2], x.Shape[3]);
        int k = Taps, mpad = IndirectGemm.PaddedRows(_o), pixels = _ho * _wo;
        for (int o = 0; o < _o; o++)
        {
            _bias[o] = bias[o];
            for (int t = 0; t < k; t++) _aT[t * mpad + o] = weight[o * k + t];
        }
        ToLanes(x.Data, _n, _c, _h, _w, _p, _xt, _np);
        ComputeRows(_o, mpad, _aT, _bias, _xt, _tap, _aOff, k, null, _pix, pixels, y.Data);
    }

    /// <summary>dy [N,O,Ho,Wo] for the last Forward → dW += (when given), dx = (when given).</summary>
    public void Backward(Tensor dy, float[] weight, float[]? dW, Tensor? dx)
    {
        // Without dx the zero border is not needed: the compact layout [O, Ho, Wo, Np] is less to write and read.
        int k = Taps, pixels = _ho * _wo, border = dx is null ? 0 : _q;
        int channel = (_ho + 2 * border) * (_wo + 2 * border) * _np;
        var dpixels = dx is null ? _dpix0 : _dpix;
        if (border != _dytBorder) _dyt.Span.Clear(); // the padded layout needs its border cells zero again
        _dytBorder = border;
        ToLanes(dy.Data, _n, _o, _ho, _wo, border, _dyt, _np);
        if (dW is not null)
        {
            int tiles = IndirectGemm.WeightGradientTiles(_o, k);
            Parallelism.For(tiles, (_, t0, t1) =>
            {
                fixed (float* dw = dW)
                fixed (int* dpix = dpixels, tap = _tap, pix = _pix)
                    IndirectGemm.WeightGradient(_o, k, _dyt.Pointer, channel, dpix, _xt.Pointer, tap, pix, pixels, _np, dw, t0, t1);
            });
        }
        if (dx is null) return;
        int k2 = Taps2, mpad2 = IndirectGemm.PaddedRows(_c), kk = _k * _k;
        for (int o = 0; o < _o; o++)
            for (int c = 0; c < _c; c++)
                for (int t = 0; t < kk; t++)
                    _a2T[((o * kk) + t) * mpad2 + c] = weight[(o * _c + c) * kk + kk - 1 - t];
        ComputeRows(_c, mpad2, _a2T, _zeros, _dyt, _tap2, _aOff2, k2, _start2, _pix2, _h * _w, dx.Data, _window);
    }

    // dst [N, m, pixels] (NCHW) = rows of the indirect GEMM, 16 pixels per block, transposed out of lane layout.
    // start: per-group tap lists (see IndirectGemm.Forward), or null for the full list [0,k) everywhere.
    private void ComputeRows(int m, int mpad, float[] aT, float[] bias, AlignedBuffer src, int[] tap, int[] aOff, int k, int[]? start, int[] pix, int pixels, float[] dst,
        bool window = false)
    {
        int blocks = (pixels + PixelBlock - 1) / PixelBlock, n = _n, np = _np, ld = PixelBlock * np, group = IndirectGemm.GroupSize(m);
        Parallelism.For(blocks, (_, b0, b1) =>
        {
            _scratch = AlignedBuffer.AtLeast(_scratch, m * ld);
            float* s = src.Pointer, scratch = _scratch.Pointer;
            fixed (float* a = aT, b = bias, d = dst)
            fixed (int* tp = tap, ao = aOff, st = start, px = pix)
            {
                for (int blk = b0; blk < b1; blk++)
                {
                    int p0 = blk * PixelBlock, count = Math.Min(PixelBlock, pixels - p0);
                    if (window) IndirectGemm.Window5(m, mpad, a, b, s, tp, ao, st + p0 / 4, px + p0, count, np, scratch, ld);
                    else IndirectGemm.Forward(m, mpad, a, b, s, tp, ao, k, st is null ? null : st + p0 / group, px + p0, count, np, scratch, ld);
                    // 8 examples at a time, all rows: the writes stay within 8 examples' pages (TLB-friendly).
                    for (int e = 0; e < n; e += 8)
                    {
                        int e0 = n >= 8 ? Math.Min(e, n - 8) : 0, lanes = Math.Min(8, n - e0);
                        for (int r = 0; r < m; r++)
                            Transpose.Run(scratch + (long)r * ld + e0, np, d + ((long)e0 * m + r) * pixels + p0, m * pixels, count, lanes);
                    }
                }
            }
        });
    }

    // a [N, ch, h, w] → at [ch, h+2pad, w+2pad, np]; padding cells are never written (zero since allocation).
    // 16 examples at a time: their rows are read sequentially and each 64-byte line of lanes is written whole.
    private static void ToLanes(float[] a, int n, int ch, int h, int w, int pad, AlignedBuffer at, int np)
    {
        const int Examples = 16;
        int hp = h + 2 * pad, wp = w + 2 * pad, example = ch * h * w, rows = ch * h;
        if (n < np) at.Span.Clear(); // lanes past n enter the weight-gradient sums: keep them 0
        Parallelism.For((n + Examples - 1) / Examples, (_, b0, b1) =>
        {
            float* d = at.Pointer;
            fixed (float* s = a)
                for (int b = b0; b < b1; b++)
                {
                    int n0 = b * Examples, count = Math.Min(Examples, n - n0);
                    for (int r = 0; r < rows; r++)
                    {
                        int c = r / h, i = r % h;
                        Transpose.Run(s + (long)n0 * example + (long)r * w, example, d + ((long)(c * hp + i + pad) * wp + pad) * np + n0, np, count, w);
                    }
                }
        });
    }

    // Sizes, buffers and offset tables for an input [n, C, h, w]; rebuilt only when the shape changes.
    private void Prepare(int n, int h, int w)
    {
        if (n == _n && h == _h && w == _w) return;
        (_n, _h, _w) = (n, h, w);
        _np = IndirectGemm.PaddedLanes(n);
        (_hp, _wp) = (h + 2 * _p, w + 2 * _p);
        (_ho, _wo) = (_hp - _k + 1, _wp - _k + 1);
        (_hq, _wq) = (_ho + 2 * _q, _wo + 2 * _q);
        int k = Taps, k2 = Taps2, np = _np;
        // Reused when large enough (a last, smaller batch must not churn the pinned heap), but cleared: the
        // padding cells of the new layout must read zero.
        _xt = AlignedBuffer.AtLeast(_xt, _c * _hp * _wp * np);
        _dyt = AlignedBuffer.AtLeast(_dyt, _o * _hq * _wq * np);
        _xt.Span.Clear();
        _dyt.Span.Clear();
        _dytBorder = 0;
        _aT = new float[k * IndirectGemm.PaddedRows(_o)];
        _bias = new float[IndirectGemm.PaddedRows(_o)];
        _a2T = new float[k2 * IndirectGemm.PaddedRows(_c)];
        _zeros = new float[IndirectGemm.PaddedRows(_c)];
        _tap = new int[k];
        _aOff = new int[k];
        for (int c = 0; c < _c; c++)
            for (int i = 0; i < _k; i++)
                for (int j = 0; j < _k; j++)
                    _tap[(c * _k + i) * _k + j] = ((c * _hp + i) * _wp + j) * np;
        for (int t = 0; t < k; t++) _aOff[t] = t * IndirectGemm.PaddedRows(_o);
        _pix = new int[_ho * _wo];
        _dpix = new int[_ho * _wo];
        _dpix0 = new int[_ho * _wo];
        for (int i = 0; i < _ho; i++)
            for (int j = 0; j < _wo; j++)
            {
                _pix[i * _wo + j] = (i * _wp + j) * np;
                _dpix[i * _wo + j] = ((i + _q) * _wq + j + _q) * np;
                _dpix0[i * _wo + j] = (i * _wo + j) * np;
            }
        _pix2 = new int[h * w];
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++)
                _pix2[i * w + j] = (i * _wq + j) * np;
        BuildInputGradientLists();
    }

    // Tap lists of the input gradient, per group of GroupSize(C) input pixels: the taps (o,ki,kj) that read dy
    // inside its Ho×Wo interior for at least one pixel of the group (the others only read the zero border).
    // With few channels, 5×5 kernels and rows of a multiple of 4 pixels, the lists hold pairs (o,ki) for
    // IndirectGemm.Window5 instead: a group is 4 pixels of one row, and a pair is kept when its dy row is inside.
    private void BuildInputGradientLists()
    {
        int mpad2 = IndirectGemm.PaddedRows(_c), kk = _k * _k, pixels = _h * _w, group = IndirectGemm.GroupSize(_c);
        int groups = (pixels + group - 1) / group;
        _window = group == 4 && _k == 5 && _w % 4 == 0;
        var tap = new List<int>();
        var aOff = new List<int>();
        _start2 = new int[groups + 1];
        for (int g = 0; g < groups; g++)
        {
            _start2[g] = tap.Count;
            for (int o = 0; o < _o; o++)
                for (int i = 0; i < _k; i++)
                {
                    if (_window)
                    {
                        int row = g * 4 / _w + i - _q, col = g * 4 % _w - _q; // the group's dy row; columns col .. col+7
                        if (row < 0 || row >= _ho || col + 7 < 0 || col >= _wo) continue;
                        tap.Add((o * _hq + i) * _wq * _np);
                        aOff.Add((o * kk + i * _k) * mpad2);
                        continue;
                    }
                    for (int j = 0; j < _k; j++)
                    {
                        bool used = false;
                        for (int p = g * group; p < Math.Min(pixels, (g + 1) * group) && !used; p++)
                        {
                            int row = p / _w + i - _q, col = p % _w + j - _q;
                            used = row >= 0 && row < _ho && col >= 0 && col < _wo;
                        }
                        if (!used) continue;
                        tap.Add(((o * _hq + i) * _wq + j) * _np);
                        aOff.Add((o * kk + i * _k + j) * mpad2);
                    }
                }
        }
        _start2[groups] = tap.Count;
        (_tap2, _aOff2) = (tap.ToArray(), aOff.ToArray());
    }
}
