using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;
using TorchSharp;
using EngineTensor = RobustLab.Engine.Tensors.Tensor;
using TorchTensor = TorchSharp.torch.Tensor;

namespace RobustLab.Torch;

/// <summary>
/// A libtorch module in eval mode as the engine's <see cref="IClassifier"/>: logits, and the input gradient of any loss of
/// the logits by libtorch's autograd, so every attack, defense wrapper (smoothing, input scaling, EOT) and sweep runs on it.
/// </summary>
/// <remarks>
/// InputGradient: z = f(x) with x requiring grad; the engine's loss gives g = ∂ℓ/∂z [N,K] from z; then
/// ∂(Σₙ ℓₙ)/∂x = autograd.grad(z, x, grad_outputs: g) — the vector–Jacobian product gᵀ·∂z/∂x, row n example n's own.
/// libtorch's intra-op threads follow the engine's setting (<see cref="Parallelism.CurrentThreads"/>: a batch-1 attack limited to one
/// thread by Parallelism.WithThreads runs libtorch on one thread too). One owner at a time, like the engine's
/// networks. The module is owned (and disposed) by this classifier.
/// </remarks>
public sealed class TorchClassifier : IClassifier, IDisposable
{
    private readonly torch.nn.Module _module;
    private readonly Func<TorchTensor, TorchTensor> _forward;

    public torch.Device Device { get; }
    public int[] InputShape { get; }
    public int Classes { get; }
    public string Description { get; }

    /// <param name="module">Owns the parameters (put in eval mode, disposed with this classifier).</param>
    /// <param name="forward">x [N,C,H,W] → logits [N,K] through <paramref name="module"/>.</param>
    public TorchClassifier(torch.nn.Module module, Func<TorchTensor, TorchTensor> forward, int[] inputShape, int classes, string description, torch.Device device)
    {
        (_module, _forward, InputShape, Classes, Description, Device) = (module, forward, inputShape, classes, description, device);
        _module.eval();
    }

    public EngineTensor Logits(EngineTensor x)
    {
        CheckInput(x);
        LibTorch.ApplyThreads(Parallelism.CurrentThreads);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return CheckLogits(TensorBridge.ToEngine(_forward(TensorBridge.ToTorch(x, Device))), x.N);
    }

    public (EngineTensor Gradient, EngineTensor Logits) InputGradient(EngineTensor x, Func<EngineTensor, EngineTensor> lossGradient)
    {
        CheckInput(x);
        LibTorch.ApplyThreads(Parallelism.CurrentThreads);
        using var scope = torch.NewDisposeScope();
        var input = TensorBridge.ToTorch(x, Device).requires_grad_(true);
        var z = _forward(input);
        var logits = CheckLogits(TensorBridge.ToEngine(z), x.N);
        var dlogits = lossGradient(logits);
        if (!dlogits.SameShape(logits)) throw new ArgumentException($"The loss gradient has shape {dlogits.ShapeString}, the logits {logits.ShapeString}.");
        var grad = torch.autograd.grad([z], [input], [TensorBridge.ToTorch(dlogits, Device)])[0];
        return (TensorBridge.ToEngine(grad), logits);
    }

    private void CheckInput(EngineTensor x)
    {
        if (x.Rank != InputShape.Length + 1 || !x.Shape.AsSpan(1).SequenceEqual(InputShape))
            throw new ArgumentException($"{Description} expects input [N,{string.Join(",", InputShape)}], got {x.ShapeString}.");
    }

    private EngineTensor CheckLogits(EngineTensor logits, int n) =>
        logits.Rank == 2 && logits.Shape[0] == n && logits.Shape[1] == Classes
            ? logits
            : throw new InvalidDataException($"{Description} returned {logits.ShapeString} for a batch of {n}; expected [{n},{Classes}].");

    public void Dispose() => _module.Dispose();
}
