using RobustLab.Engine.Layers;
using RobustLab.Engine.Layers.Activations;
using TorchSharp;
using static TorchSharp.torch;

namespace RobustLab.Torch.Modules;

/// <summary>
/// An <see cref="ActivationSlot"/> on libtorch: applies the slot's activation, and when the slot has a backward surrogate,
/// its derivative in the backward pass (BPDA). The activation objects are the engine's own (a randomized JumpReLU keeps its
/// seeded κ stream), so a retrofit made on the engine network carries over unchanged.
/// </summary>
public sealed class SlotModule : nn.Module<Tensor, Tensor>
{
    public Activation Function { get; }
    public Activation? BackwardFunction { get; }

    public SlotModule(string name, Activation function, Activation? backward) : base(name)
    {
        (Function, BackwardFunction) = (function, backward);
    }

    public static SlotModule From(ActivationSlot slot) => new(slot.Name, slot.Function, slot.BackwardFunction);

    // z [N,...] → y [N,...]
    public override Tensor forward(Tensor z)
    {
        Function.BeginForward(); // randomized activations draw their κ here, once per pass, as in the engine
        return BackwardFunction is null ? TorchActivation.Forward(Function, z) : BpdaFunction.apply(z, Function, BackwardFunction);
    }
}
