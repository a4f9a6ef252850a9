using RobustLab.Engine.Models;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Classifiers;

/// <summary>A network in eval mode as a classifier (retrofitted activations included: they live in its slots).</summary>
public sealed class NetworkClassifier(Network network) : IClassifier
{
    public Network Network { get; } = network;
    public int[] InputShape => Network.InputShape;
    public int Classes => Network.Classes;

    public string Description
    {
        get
        {
            // BPDA: the forward activation, and the one whose gradient the backward pass uses ("srelu:10, gradient of relu (BPDA)").
            var specs = Network.Slots.Select(s => s.BackwardFunction is null ? s.Function.Spec : $"{s.Function.Spec}, gradient of {s.BackwardFunction.Spec} (BPDA)").Distinct().ToList();
            return $"{Network.Architecture}, {string.Join("/", specs)}";
        }
    }

    public Tensor Logits(Tensor x) => Network.Forward(x, training: false);

    public (Tensor Gradient, Tensor Logits) InputGradient(Tensor x, Func<Tensor, Tensor> lossGradient)
    {
        var logits = Network.Forward(x, training: false);
        var dlogits = lossGradient(logits);
        // Attacks need only ∂L/∂x: skip the parameter-gradient GEMMs that Backward would also run.
        return (Network.InputGradient(dlogits), logits);
    }
}
