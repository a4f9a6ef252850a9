using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Layers;

/// <summary>Average pooling over k×k windows with stride s (default s = k), no padding.</summary>
/// <remarks>y = (1/k²)·Σ window; Backward spreads dy/k² over the window.</remarks>
public sealed class AvgPool2d(string name, int kernel, int? stride = null) : Layer(name)
{
    public int Kernel { get; } = kernel >= 1 ? kernel : throw new ArgumentException($"{name}: kernel must be ≥ 1.");
    public int Stride { get; } = stride ?? kernel;

    private Tensor? _x, _y, _dx;

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
        int planes = shape[0] * shape[1], h = x.Shape[2], w = x.Shape[3], ho = shape[2], wo = shape[3];
        float scale = 1f / (Kernel * Kernel);
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < ho; i++)
                for (int j = 0; j < wo; j++)
                {
                    float s = 0;
                    for (int di = 0; di < Kernel; di++)
                        for (int dj = 0; dj < Kernel; dj++)
                            s += x.Data[(p * h + i * Stride + di) * w + j * Stride + dj];
                    y.Data[(p * ho + i) * wo + j] = s * scale;
                }
        return y;
    }

    // dy [N,C,Ho,Wo] → dx [N,C,H,W]
    public override Tensor? Backward(Tensor dy, bool needInputGradient = true)
    {
        var x = Cached(_x);
        var dx = Reuse(ref _dx, x.Shape);
        Array.Clear(dx.Data);
        int planes = x.Shape[0] * x.Shape[1], h = x.Shape[2], w = x.Shape[3], ho = dy.Shape[2], wo = dy.Shape[3];
        float scale = 1f / (Kernel * Kernel);
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < ho; i++)
                for (int j = 0; j < wo; j++)
                {
                    float g = dy.Data[(p * ho + i) * wo + j] * scale;
                    for (int di = 0; di < Kernel; di++)
                        for (int dj = 0; dj < Kernel; dj++)
                            dx.Data[(p * h + i * Stride + di) * w + j * Stride + dj] += g;
                }
        return dx;
    }
}
