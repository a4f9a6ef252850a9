using RobustLab.Engine.Layers.Activations;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Layers;

/// <summary>A named place in a network where an activation sits, replaceable on a trained model.</summary>
/// <remarks>
/// Forward applies <see cref="Function"/>; Backward applies the derivative of
/// <see cref="BackwardFunction"/> when set (a surrogate, e.g. ReLU behind a JumpReLU: BPDA,
/// Athalye et al. 2018), otherwise of <see cref="Function"/> — the true gradient.
/// <see cref="Retrofittable"/> marks the slots a whole-model retrofit replaces (Borji's
/// CIFAR10-CNN2 keeps plain ReLUs after its convolutions).
/// </remarks>
public sealed class ActivationSlot(string name, Activation function, bool retrofittable = true) : Layer(name)
{
    public Activation Function { get; set; } = function;
    public Activation? BackwardFunction { get; set; }
    public bool Retrofittable { get; } = retrofittable;

    private Tensor? _z, _y, _dz;

    public override int[] OutputShape(int[] s) => s;

    // z [N,...] → y [N,...]
    public override Tensor Forward(Tensor z, bool training)
    {
        _z = z;
        var y = Reuse(ref _y, z.Shape);
        Function.BeginForward();
        Function.Forward(z.Data, y.Data);
        return y;
    }

    // dy [N,...] → dz [N,...]
    public override Tensor? Backward(Tensor dy, bool needInputGradient = true)
    {
        var z = Cached(_z);
        var dz = Reuse(ref _dz, z.Shape);
        (BackwardFunction ?? Function).Backward(z.Data, dy.Data, dz.Data);
        return dz;
    }

    public override string ToString() =>
        BackwardFunction is null ? $"{Name}: {Function.Spec}" : $"{Name}: {Function.Spec} (backward {BackwardFunction.Spec})";
}
