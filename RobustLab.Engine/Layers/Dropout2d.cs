using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Layers;

/// <summary>Channel dropout: in training each (example, channel) plane is kept with probability 1−p and scaled by 1/(1−p).</summary>
public sealed class Dropout2d(string name, float p = 0.5f, int seed = 0) : Layer(name)
{
    public float P { get; } = p is >= 0 and < 1 ? p : throw new ArgumentException($"{name}: dropout p must be in [0,1), got {p}.");

    private readonly Random _rng = new(seed);
    private Tensor? _y, _dx;
    private float[] _planeScale = [];
    private bool _active;
    private int _planeSize;

    public override int[] OutputShape(int[] s) => s.Length == 4 ? s
        : throw new ArgumentException($"{Name} expects [N,C,H,W], got [{string.Join(",", s)}].");

    public override Tensor Forward(Tensor x, bool training)
    {
        OutputShape(x.Shape);
        _active = training && P > 0;
        if (!_active) return x;
        int planes = x.Shape[0] * x.Shape[1];
        _planeSize = x.Shape[2] * x.Shape[3];
        if (_planeScale.Length != planes) _planeScale = new float[planes];
        float scale = 1f / (1 - P);
        for (int i = 0; i < planes; i++) _planeScale[i] = _rng.NextSingle() >= P ? scale : 0f;
        var y = Reuse(ref _y, x.Shape);
        Scale(x, y);
        return y;
    }

    public override Tensor? Backward(Tensor dy, bool needInputGradient = true)
    {
        if (!_active) return dy;
        var dx = Reuse(ref _dx, dy.Shape);
        Scale(dy, dx);
        return dx;
    }

    private void Scale(Tensor src, Tensor dst)
    {
        for (int p = 0; p < _planeScale.Length; p++)
            System.Numerics.Tensors.TensorPrimitives.Multiply(
                src.Data.AsSpan(p * _planeSize, _planeSize), _planeScale[p], dst.Data.AsSpan(p * _planeSize, _planeSize));
    }
}
