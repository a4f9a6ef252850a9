using RobustLab.Engine.Sweeps;
using RobustLab.Torch;
using RobustLab.Torch.TorchScript;

namespace RobustLab.Cli;

/// <summary>
/// The one place the CLI touches RobustLab.Torch: its types (and TorchSharp, and libtorch) are loaded only when one of these
/// methods runs, so --backend native (the default) works on a machine where libtorch is absent or cannot load.
/// </summary>
internal static class Backends
{
    /// <summary>A TorchScript archive (torch.jit.save), by its usual extensions.</summary>
    public static bool IsTorchScript(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".pt" or ".pth";

    /// <summary>The zoo model of <paramref name="spec"/> on libtorch (libtorch loaded and the device checked now, with a clear error).</summary>
    public static ModelSpec OnTorch(ModelSpec spec, string device)
    {
        LibTorch.Device(device);
        return spec with { Backend = new TorchBackend(device) };
    }

    /// <summary>A user's TorchScript model, loaded and checked (a probe batch gives finite logits [2,K]).</summary>
    public static ModelSpec TorchScript(string path, int[]? inputShape, string device) =>
        TorchScriptModel.Load(path, inputShape, device).Spec();
}
