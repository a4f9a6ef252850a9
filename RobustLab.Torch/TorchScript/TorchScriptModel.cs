using System.Runtime.InteropServices;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Sweeps;
using TorchSharp;
using static TorchSharp.torch;

namespace RobustLab.Torch.TorchScript;

/// <summary>
/// A user's own PyTorch model saved with torch.jit.script or torch.jit.trace (a TorchScript archive, ".pt"), any
/// architecture, as a backend of its own: logits and input gradients through libtorch, so every attack, defense wrapper,
/// transfer and sweep knob that needs no activation slot runs on it.
/// </summary>
/// <remarks>
/// The input shape is given (C,H,W) or probed: the shapes of the lab's data sets are tried with a batch of two zero images,
/// and the first whose output is [2,K] is taken. Retrofits are off: a TorchScript model's activations are calls compiled into
/// its own code, which RobustLab cannot replace (a scripted module's submodules cannot be swapped for C# modules).
/// NOTE: a TorchScript archive carries code that libtorch interprets; load only files you trust (README: user models).
/// </remarks>
public sealed class TorchScriptModel : IModelBackend
{
    /// <summary>What <see cref="ModelSpec.Architecture"/> says for a TorchScript model.</summary>
    public const string Architecture = "torchscript";

    /// <summary>Why the activation controls are off for TorchScript models.</summary>
    public const string NoRetrofitReason =
        "a TorchScript model's activations are compiled into its own code, so they cannot be replaced; retrofits (--activation) apply to zoo models";

    private static readonly int[][] ProbeShapes = [[1, 28, 28], [3, 32, 32]];

    private readonly byte[] _archive;

    public string Path { get; }
    /// <summary>What descriptions call it: the file name, or the name given to <see cref="Load"/>.</summary>
    public string DisplayName { get; private init; } = "";
    public string Name => "torch";
    public string Device { get; }
    public int[] Shape { get; }
    public int ClassCount { get; }

    private TorchScriptModel(string path, byte[] archive, string device, int[] shape, int classes) =>
        (Path, _archive, Device, Shape, ClassCount) = (path, archive, device, shape, classes);

    /// <summary>Loads and checks a TorchScript file: it loads, and a probe batch gives finite logits [2,K].</summary>
    /// <param name="displayName">What messages and the classifier's description call the file (the web registry's model
    /// name, not its server path); the path when null.</param>
    /// <exception cref="InvalidDataException">The file is not a TorchScript archive or its model does not fit.</exception>
    public static TorchScriptModel Load(string path, int[]? inputShape = null, string device = "cpu", string? displayName = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file '{displayName ?? path}' does not exist.");
        var dev = LibTorch.Device(device);
        byte[] archive = File.ReadAllBytes(path);
        string shown = displayName ?? path;
        using var module = Open(shown, archive, dev);
        var candidates = inputShape is null ? ProbeShapes : [inputShape];
        string? lastError = null;
        foreach (var shape in candidates)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            try
            {
                var y = module.forward(zeros([2, .. shape.Select(d => (long)d)], device: dev));
                if (y.dim() != 2 || y.shape[0] != 2)
                {
                    lastError = $"for input [2,{string.Join(",", shape)}] it returned [{string.Join(",", y.shape)}], not logits [2,K]";
                    continue;
                }
                if (!y.isfinite().all().item<bool>()) throw new InvalidDataException($"{shown}: the model's logits for a zero image are not finite.");
                return new TorchScriptModel(path, archive, device, shape, checked((int)y.shape[1])) { DisplayName = displayName ?? System.IO.Path.GetFileName(path) };
            }
            catch (Exception e) when (e is ExternalException or InvalidCastException)
            {
                lastError = $"for input [2,{string.Join(",", shape)}]: {e.Message.Split('\n')[0]}";
            }
        }
        throw new InvalidDataException(inputShape is null
            ? $"{shown}: could not find the model's input shape ({lastError}); give it as --input-shape C,H,W."
            : $"{shown}: the model does not take input [N,{string.Join(",", inputShape)}] ({lastError}).");
    }

    private static jit.ScriptModule<Tensor, Tensor> Open(string path, byte[] archive, Device device)
    {
        try
        {
            return jit.load<Tensor, Tensor>(archive, device);
        }
        catch (Exception e) when (e is ExternalException or ArgumentException)
        {
            throw new InvalidDataException($"{path} is not a TorchScript archive libtorch can load: {e.Message.Split('\n')[0]}", e);
        }
    }

    /// <summary>A spec for this model (weights live in the archive); wrapper defenses and attacks are set on it as usual.</summary>
    public ModelSpec Spec(string? name = null) =>
        new(Architecture, new Dictionary<string, Engine.Tensors.Tensor>(), Name: name ?? System.IO.Path.GetFileNameWithoutExtension(Path), Backend: this);

    public int[] InputShape(ModelSpec spec) => Shape;

    public int Classes(ModelSpec spec) => ClassCount;

    public void Validate(ModelSpec spec)
    {
        if (spec.Activation != "relu") throw new ArgumentException($"--activation {spec.Activation}: {NoRetrofitReason}.");
    }

    /// <summary>A fresh instance (its own copy of the module: one owner at a time).</summary>
    public IClassifier CreateClassifier(ModelSpec spec)
    {
        var dev = LibTorch.Device(Device);
        var module = Open(Path, _archive, dev);
        return new TorchClassifier(module, module.forward, Shape, ClassCount, $"{DisplayName} (TorchScript, libtorch {Device})", dev);
    }
}
