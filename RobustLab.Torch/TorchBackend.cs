using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Models;
using RobustLab.Engine.Sweeps;
using RobustLab.Torch.Modules;

namespace RobustLab.Torch;

/// <summary>The zoo architectures on libtorch: a spec's network (weights and retrofitted slots) as a TorchSharp module.</summary>
/// <remarks>
/// The engine network the spec builds is translated layer by layer (<see cref="TorchNetwork"/>), so the activation in every
/// slot, BPDA surrogates and randomized JumpReLU's seeded κ stream are exactly the engine's; only the arithmetic is libtorch's.
/// </remarks>
public sealed class TorchBackend(string device = "cpu") : IModelBackend
{
    public string Name => "torch";
    public string Device { get; } = device;

    public int[] InputShape(ModelSpec spec) => ModelZoo.Create(spec.Architecture).InputShape;

    public int Classes(ModelSpec spec) => ModelZoo.Create(spec.Architecture).Classes;

    public void Validate(ModelSpec spec)
    {
        if (!ModelZoo.Names.Contains(spec.Architecture))
            throw new ArgumentException($"Unknown architecture '{spec.Architecture}'. Known: {string.Join(", ", ModelZoo.Names)}.");
        LibTorch.Device(Device); // loads libtorch, or says clearly why it cannot; and refuses a device that is not there
    }

    public IClassifier CreateClassifier(ModelSpec spec)
    {
        var network = spec.CreateNetwork();
        var device = LibTorch.Device(Device);
        var module = TorchNetwork.From(network, device);
        var native = new NetworkClassifier(network);
        return new TorchClassifier(module, module.forward, network.InputShape, network.Classes, $"{native.Description} (libtorch {Device})", device);
    }
}
