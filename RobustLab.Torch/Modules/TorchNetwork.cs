using RobustLab.Engine.Layers;
using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;
using TorchSharp;
using static TorchSharp.torch;
using EngineTensor = RobustLab.Engine.Tensors.Tensor;

namespace RobustLab.Torch.Modules;

/// <summary>
/// A zoo network (<see cref="ModelZoo"/>) as a TorchSharp module: a Sequential of the same layers under the same names,
/// so its parameters are named as PyTorch names them ("conv1.weight", tools/torch_models.py) and the zoo's safetensors
/// files load into it directly. Activation slots become <see cref="SlotModule"/>s (retrofits and BPDA carry over).
/// </summary>
public static class TorchNetwork
{
    /// <summary>The engine network's layers as libtorch modules, with its current weights (copied) and activations.</summary>
    public static nn.Module<Tensor, Tensor> From(Network network, Device? device = null)
    {
        LibTorch.EnsureLoaded();
        var module = nn.Sequential(network.Layers.Select(l => (l.Name, Translate(l))));
        LoadState(module, network.StateDict());
        module.eval();
        return device is null ? module : module.to(device);
    }

    /// <summary>A fresh zoo architecture on libtorch with the weights of a safetensors file (named as PyTorch names them).</summary>
    public static nn.Module<Tensor, Tensor> Load(string architecture, string safetensorsPath, Device? device = null)
    {
        var module = From(ModelZoo.Create(architecture), device);
        LoadState(module, SafeTensors.Read(safetensorsPath).Tensors);
        return module;
    }

    /// <summary>Copies tensors into the module's parameters and buffers by name; every one must be given, with its shape.</summary>
    public static void LoadState(nn.Module module, IReadOnlyDictionary<string, EngineTensor> state)
    {
        using var noGrad = no_grad();
        var own = module.state_dict();
        var missing = own.Keys.Where(k => !state.ContainsKey(k) && !k.EndsWith("num_batches_tracked", StringComparison.Ordinal)).ToList();
        if (missing.Count > 0) throw new InvalidDataException($"The weights are missing {string.Join(", ", missing)}.");
        var unexpected = state.Keys.Where(k => !own.ContainsKey(k) && !k.EndsWith(".num_batches_tracked", StringComparison.Ordinal)).ToList();
        if (unexpected.Count > 0) throw new InvalidDataException($"Unexpected tensors {string.Join(", ", unexpected)}.");
        foreach (var (name, target) in own)
        {
            if (name.EndsWith(".num_batches_tracked", StringComparison.Ordinal) || name == "num_batches_tracked") continue; // not used in eval mode
            var source = state[name];
            if (!source.Shape.Select(d => (long)d).SequenceEqual(target.shape))
                throw new InvalidDataException($"'{name}' has shape {source.ShapeString}, expected [{string.Join(",", target.shape)}].");
            using var t = TensorBridge.ToTorch(source, target.device);
            target.copy_(t);
        }
    }

    // One engine layer → the libtorch module of the same name and hyper-parameters (weights are loaded afterwards).
    internal static nn.Module<Tensor, Tensor> Translate(Layer layer) => layer switch
    {
        Conv2d c => nn.Conv2d(c.InChannels, c.OutChannels, c.Kernel, stride: c.Stride, padding: c.Padding),
        Linear l => nn.Linear(l.InFeatures, l.OutFeatures),
        MaxPool2d p => nn.MaxPool2d(p.Kernel, p.Stride),
        AvgPool2d p => nn.AvgPool2d(p.Kernel, p.Stride),
        BatchNorm2d b => nn.BatchNorm2d(b.Channels, b.Epsilon, b.Momentum),
        Flatten => nn.Flatten(),
        Dropout d => nn.Dropout(d.P),
        Dropout2d d => nn.Dropout2d(d.P),
        ActivationSlot s => SlotModule.From(s),
        _ => throw new NotSupportedException($"The layer {layer.Name} ({layer.GetType().Name}) has no libtorch form."),
    };
}
