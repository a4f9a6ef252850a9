using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Layers;

/// <summary>Max pooling over k×k windows with stride s (default s = k), no padding.</summary>
/// <remarks>
/// y[n,c,i,j] = max over the window; Backward routes dy to the arg-max (first one on ties).
/// NOTE: the gradient is undefined at ties; gradient checks keep samples away from them.
/// </remarks>
public sealed class MaxPool2d(string name, int kernel, int? stride = null) : Layer(name)
{
    public int Kernel { get; } = kernel >= 1 ? kernel : throw new ArgumentException($"{name}: kernel must be ≥ 1.");
    public int Stride { get; } = stride ?? kernel;

    private Tensor? _x, _y, _dx;
    private int[] _argmax = [];

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
        int planes = shape[0] * shape[1], h = x.Shape[2], w = x.Shape[3], ho = shape[2], wo = shape[3];
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
        return y;
    }

    // dy [N,C,Ho,Wo] → dx [N,C,H,W]
    public override Tensor? Backward(Tensor dy, bool needInputGradient = true)
    {
        var x = Cached(_x);
        var dx = Reuse(ref _dx, x.Shape);
        Array.Clear(dx.Data);
        for (int o = 0; o < dy.Length; o++) dx.Data[_argmax[o]] += dy.Data[o];
        return dx;
    }
}
