using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Layers;

/// <summary>Flattens [N, ...] to [N, F] (a view; no copy). Backward restores the input shape.</summary>
public sealed class Flatten(string name) : Layer(name)
{
    private int[]? _inputShape;

    public override int[] OutputShape(int[] s) => [s[0], s.Skip(1).Aggregate(1, (a, b) => a * b)];

    public override Tensor Forward(Tensor x, bool training)
    {
        _inputShape = x.Shape;
        return x.Reshape(OutputShape(x.Shape));
    }

    public override Tensor? Backward(Tensor dy, bool needInputGradient = true) =>
        dy.Reshape(_inputShape ?? throw new InvalidOperationException($"{Name}: Backward called before Forward."));
}
