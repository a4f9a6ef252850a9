using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Layers;

/// <summary>Inverted dropout: in training y = x·m/(1−p) with m ~ Bernoulli(1−p) per element; identity in eval.</summary>
/// <remarks>The mask stream comes from a seeded <see cref="Random"/>, so training is reproducible.</remarks>
public sealed class Dropout(string name, float p = 0.5f, int seed = 0) : Layer(name)
{
    public float P { get; } = p is >= 0 and < 1 ? p : throw new ArgumentException($"{name}: dropout p must be in [0,1), got {p}.");

    private readonly Random _rng = new(seed);
    private Tensor? _y, _dx, _mask;
    private bool _active;

    public override int[] OutputShape(int[] s) => s;

    public override Tensor Forward(Tensor x, bool training)
    {
        _active = training && P > 0;
        if (!_active) return x;
        var mask = Reuse(ref _mask, x.Shape);
        float scale = 1f / (1 - P);
        for (int i = 0; i < mask.Length; i++) mask.Data[i] = _rng.NextSingle() >= P ? scale : 0f;
        var y = Reuse(ref _y, x.Shape);
        System.Numerics.Tensors.TensorPrimitives.Multiply(x.Data, mask.Data, y.Data);
        return y;
    }

    public override Tensor? Backward(Tensor dy, bool needInputGradient = true)
    {
        if (!_active) return dy;
        var dx = Reuse(ref _dx, dy.Shape);
        System.Numerics.Tensors.TensorPrimitives.Multiply(dy.Data, Cached(_mask).Data, dx.Data);
        return dx;
    }
}
