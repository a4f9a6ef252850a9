using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Layers;

/// <summary>A named tensor of a layer ("weight", "bias", "running_mean") and its accumulated gradient.</summary>
public sealed class Parameter(string name, Tensor value)
{
    public string Name { get; } = name;
    public Tensor Value { get; } = value;
    public Tensor Grad { get; } = Tensor.ZerosLike(value);

    public void ZeroGrad() => Array.Clear(Grad.Data);
}
