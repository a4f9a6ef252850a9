using RobustLab.Engine.Layers.Activations;
using TorchSharp;
using static TorchSharp.torch;

namespace RobustLab.Torch.Modules;

/// <summary>
/// BPDA (Athalye, Carlini, Wagner 2018, §4.1) as a libtorch autograd function: the forward pass applies f, the backward
/// pass applies the derivative of the surrogate g instead: y = f(z), ∂L/∂z = g′(z)·∂L/∂y.
/// </summary>
/// <remarks>Arguments of <c>apply</c>: z, f (<see cref="Activation"/>), g (<see cref="Activation"/>).</remarks>
public sealed class BpdaFunction : autograd.SingleTensorFunction<BpdaFunction>
{
    public override string Name => "BPDA";

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var z = (Tensor)vars[0];
        ctx.save_for_backward([z]);
        ctx.save_data("surrogate", vars[2]);
        return TorchActivation.Forward((Activation)vars[1], z);
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor dy)
    {
        var z = ctx.get_saved_variables()[0];
        var surrogate = (Activation)ctx.get_data("surrogate");
        return [TorchActivation.Derivative(surrogate, z) * dy, null!, null!];
    }
}
