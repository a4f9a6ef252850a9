using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Layers;

/// <summary>2-D convolution (cross-correlation, as in PyTorch): y = W ⋆ x + b.</summary>
/// <remarks>
/// weight [O, C, k, k] (OIHW), bias [O]. Per example: cols = im2col(x) [C·k·k, Ho·Wo],
/// y = W·cols (GEMM) + b. Backward: dW += dy·colsᵀ, db += Σ dy, dx = col2im(Wᵀ·dy).
/// Ho = (H + 2p − k)/s + 1. Examples are split across cores; each chunk has its own partial dW.
/// Batches of at least <see cref="LaneBatch"/> examples with stride 1 and p &lt; k take the faster
/// <see cref="LaneConvolution"/> path (no im2col); this im2col path stays as the oracle and for small batches.
/// </remarks>
public sealed class Conv2d : Layer
{
    public int InChannels { get; }
    public int OutChannels { get; }
    public int Kernel { get; }
    public int Stride { get; }
    public int Padding { get; }
    public Parameter Weight { get; }
    public Parameter Bias { get; }

    private Tensor? _x, _y, _dx, _cols;
    private float[][] _partialDw = [];
    private float[] _dcols = [];
    private int _h, _w, _ho, _wo;
    private LaneConvolution? _lanes;
    private bool _lanesActive;

    /// <summary>Smallest batch for which the lane-major path is used (when the hardware has Vector512).</summary>
    public const int LaneBatch = 16;

    /// <summary>Forces the lane-major path on (true) or off (false); null chooses by batch size and hardware. For tests.</summary>
    internal bool? UseLanes { get; set; }

    public Conv2d(string name, int inChannels, int outChannels, int kernel, int stride = 1, int padding = 0, Random? rng = null)
        : base(name)
    {
        if (inChannels < 1 || outChannels < 1 || kernel < 1 || stride < 1 || padding < 0)
            throw new ArgumentException($"{name}: invalid Conv2d({inChannels}, {outChannels}, k={kernel}, s={stride}, p={padding}).");
        (InChannels, OutChannels, Kernel, Stride, Padding) = (inChannels, outChannels, kernel, stride, padding);
        Weight = new Parameter("weight", new Tensor(outChannels, inChannels, kernel, kernel));
        Bias = new Parameter("bias", new Tensor(outChannels));
        rng ??= new Random(0);
        float bound = Init.FanInBound(inChannels * kernel * kernel);
        Init.Uniform(Weight.Value, bound, rng);
        Init.Uniform(Bias.Value, bound, rng);
    }

    public override IReadOnlyList<Parameter> Parameters => [Weight, Bias];

    private int ColRows => InChannels * Kernel * Kernel;

    public override int[] OutputShape(int[] s)
    {
        if (s.Length != 4 || s[1] != InChannels)
            throw new ArgumentException($"{Name} expects [N,{InChannels},H,W], got [{string.Join(",", s)}].");
        int ho = (s[2] + 2 * Padding - Kernel) / Stride + 1, wo = (s[3] + 2 * Padding - Kernel) / Stride + 1;
        if (ho < 1 || wo < 1) throw new ArgumentException($"{Name}: input {s[2]}×{s[3]} is smaller than the kernel {Kernel}.");
        return [s[0], OutChannels, ho, wo];
    }

    public override long ForwardFlops(int[] s)
    {
        var o = OutputShape(s);
        return 2L * OutChannels * o[2] * o[3] * ColRows;
    }

    // x [N,C,H,W] → y [N,O,Ho,Wo]
    public override Tensor Forward(Tensor x, bool training)
    {
        var shape = OutputShape(x.Shape);
        int n = x.N;
        (_h, _w, _ho, _wo) = (x.Shape[2], x.Shape[3], shape[2], shape[3]);
        int hw = _ho * _wo, rows = ColRows, inSize = InChannels * _h * _w;
        _x = x;
        var y = Reuse(ref _y, shape);
        _lanesActive = LaneConvolution.Supports(Stride, Padding, Kernel) &&
                       (UseLanes ?? (n >= LaneBatch && System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated));
        if (_lanesActive)
        {
            (_lanes ??= new LaneConvolution(InChannels, OutChannels, Kernel, Padding)).Forward(x, Weight.Value.Data, Bias.Value.Data, y);
            return y;
        }
        var cols = Reuse(ref _cols, n, rows, hw);
        var w = Weight.Value.Data;
        var b = Bias.Value.Data;
        Parallelism.For(n, (_, start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                var col = cols.Data.AsSpan(i * rows * hw, rows * hw);
                Im2Col(x.Data.AsSpan(i * inSize, inSize), col);
                var yi = y.Data.AsSpan(i * OutChannels * hw, OutChannels * hw);
                Gemm.Sgemm(false, false, OutChannels, hw, rows, w, rows, col, hw, yi, hw, accumulate: false);
                for (int o = 0; o < OutChannels; o++) TensorPrimitives.Add(yi.Slice(o * hw, hw), b[o], yi.Slice(o * hw, hw));
            }
        });
        return y;
    }

    // dy [N,O,Ho,Wo] → dx [N,C,H,W]
    public override Tensor? Backward(Tensor dy, bool needInputGradient = true)
    {
        var x = Cached(_x);
        AddBiasGradient(dy);
        if (_lanesActive)
        {
            var dxl = needInputGradient ? Reuse(ref _dx, x.Shape) : null;
            _lanes!.Backward(dy, Weight.Value.Data, Weight.Grad.Data, dxl);
            return dxl;
        }
        return BackwardIm2Col(dy, x, accumulateWeights: true, needInputGradient);
    }

    // dy [N,O,Ho,Wo] → dx [N,C,H,W], parameter gradients untouched.
    public override Tensor InputGradient(Tensor dy)
    {
        var x = Cached(_x);
        if (!_lanesActive) return BackwardIm2Col(dy, x, accumulateWeights: false, needInputGradient: true)!;
        var dx = Reuse(ref _dx, x.Shape);
        _lanes!.Backward(dy, Weight.Value.Data, null, dx);
        return dx;
    }

    // db[o] += Σ_n Σ_hw dy[n,o,hw]: channels split across cores, each summed in the same order whatever the split.
    private void AddBiasGradient(Tensor dy)
    {
        int n = dy.N, hw = _ho * _wo;
        var db = Bias.Grad.Data;
        Parallelism.For(OutChannels, (_, o0, o1) =>
        {
            for (int o = o0; o < o1; o++)
                for (int i = 0; i < n; i++)
                    db[o] += TensorPrimitives.Sum(dy.Data.AsSpan((i * OutChannels + o) * hw, hw));
        }, minPerChunk: Math.Max(1, 16_384 / Math.Max(1, n * hw)));
    }

    // dW is summed over the batch in fixed blocks of examples, each block into its own partial, and the partials are added in
    // block order: the blocks depend on the batch size only, never on the thread count, so training gives the same weights on
    // one core and on many (the lane-major path does too; this path runs where Vector512 is missing or batches are small).
    private const int MaxPartials = 16; // enough blocks to keep a few cores busy; each partial is a whole dW

    private static int BlockSize(int n) => Math.Max(4, (n + MaxPartials - 1) / MaxPartials);

    private Tensor? BackwardIm2Col(Tensor dy, Tensor x, bool accumulateWeights, bool needInputGradient)
    {
        var cols = Cached(_cols);
        int n = x.N, hw = _ho * _wo, rows = ColRows, inSize = InChannels * _h * _w, wLen = Weight.Value.Length;
        int block = BlockSize(n), blocks = (n + block - 1) / block;
        int chunks = Parallelism.Chunks(blocks);
        if (accumulateWeights && (_partialDw.Length < blocks || _partialDw[0].Length != wLen))
            _partialDw = Enumerable.Range(0, blocks).Select(_ => new float[wLen]).ToArray();
        if (_dcols.Length < chunks * rows * hw) _dcols = new float[chunks * rows * hw];
        var dx = needInputGradient ? Reuse(ref _dx, x.Shape) : null;
        var w = Weight.Value.Data;
        Parallelism.ForChunks(blocks, chunks, (chunk, b0, b1) =>
        {
            var dcol = _dcols.AsSpan(chunk * rows * hw, rows * hw);
            for (int b = b0; b < b1; b++)
            {
                var dw = accumulateWeights ? _partialDw[b] : null;
                if (dw is not null) Array.Clear(dw);
                for (int i = b * block; i < Math.Min(n, (b + 1) * block); i++)
                {
                    var dyi = dy.Data.AsSpan(i * OutChannels * hw, OutChannels * hw);
                    var col = cols.Data.AsSpan(i * rows * hw, rows * hw);
                    // dW[O, CKK] += dy_i[O, HW] · cols_iᵀ[HW, CKK]
                    if (dw is not null) Gemm.Sgemm(false, true, OutChannels, rows, hw, dyi, hw, col, hw, dw, rows, accumulate: true);
                    if (dx is null) continue;
                    // dcols[CKK, HW] = Wᵀ[CKK, O] · dy_i[O, HW]
                    Gemm.Sgemm(true, false, rows, hw, OutChannels, w, rows, dyi, hw, dcol, hw, accumulate: false);
                    Col2Im(dcol, dx.Data.AsSpan(i * inSize, inSize));
                }
            }
        });
        if (accumulateWeights)
            for (int b = 0; b < blocks; b++) TensorPrimitives.Add(Weight.Grad.Data, _partialDw[b], Weight.Grad.Data);
        return dx;
    }

    // x [C,H,W] → cols [C·k·k, Ho·Wo]; out-of-image (padding) entries are 0.
    private void Im2Col(ReadOnlySpan<float> x, Span<float> cols)
    {
        int k = Kernel, s = Stride, p = Padding, hw = _ho * _wo;
        for (int c = 0; c < InChannels; c++)
            for (int ki = 0; ki < k; ki++)
                for (int kj = 0; kj < k; kj++)
                {
                    var row = cols.Slice(((c * k + ki) * k + kj) * hw, hw);
                    for (int oh = 0; oh < _ho; oh++)
                    {
                        int ih = oh * s - p + ki;
                        var dst = row.Slice(oh * _wo, _wo);
                        if ((uint)ih >= (uint)_h) { dst.Clear(); continue; }
                        var src = x.Slice((c * _h + ih) * _w, _w);
                        if (s == 1)
                        {
                            // iw = ow − p + kj: copy the in-range run, zero the padded ends.
                            int lo = Math.Min(_wo, Math.Max(0, p - kj)), hi = Math.Max(lo, Math.Min(_wo, _w + p - kj));
                            dst.Slice(0, lo).Clear();
                            if (hi > lo) src.Slice(lo - p + kj, hi - lo).CopyTo(dst.Slice(lo));
                            dst.Slice(hi).Clear();
                        }
                        else
                        {
                            for (int ow = 0; ow < _wo; ow++)
                            {
                                int iw = ow * s - p + kj;
                                dst[ow] = (uint)iw < (uint)_w ? src[iw] : 0f;
                            }
                        }
                    }
                }
    }

    // cols [C·k·k, Ho·Wo] → dx [C,H,W], summing the contributions of overlapping windows.
    private void Col2Im(ReadOnlySpan<float> cols, Span<float> dx)
    {
        dx.Clear();
        int k = Kernel, s = Stride, p = Padding, hw = _ho * _wo;
        for (int c = 0; c < InChannels; c++)
            for (int ki = 0; ki < k; ki++)
                for (int kj = 0; kj < k; kj++)
                {
                    var row = cols.Slice(((c * k + ki) * k + kj) * hw, hw);
                    for (int oh = 0; oh < _ho; oh++)
                    {
                        int ih = oh * s - p + ki;
                        if ((uint)ih >= (uint)_h) continue;
                        var dst = dx.Slice((c * _h + ih) * _w, _w);
                        var src = row.Slice(oh * _wo, _wo);
                        if (s == 1)
                        {
                            int lo = Math.Max(0, p - kj), hi = Math.Min(_wo, _w + p - kj);
                            if (hi > lo)
                            {
                                var d = dst.Slice(lo - p + kj, hi - lo);
                                TensorPrimitives.Add(d, src.Slice(lo, hi - lo), d);
                            }
                        }
                        else
                        {
                            for (int ow = 0; ow < _wo; ow++)
                            {
                                int iw = ow * s - p + kj;
                                if ((uint)iw < (uint)_w) dst[iw] += src[ow];
                            }
                        }
                    }
                }
    }
}
