using TorchSharp;
using EngineTensor = RobustLab.Engine.Tensors.Tensor;
using TorchTensor = TorchSharp.torch.Tensor;

namespace RobustLab.Torch;

/// <summary>Copies between the engine's tensors (float[] + shape) and libtorch's (float32, on a device).</summary>
public static class TensorBridge
{
    /// <summary>An engine tensor as a new float32 libtorch tensor on <paramref name="device"/> (a copy).</summary>
    public static TorchTensor ToTorch(EngineTensor t, torch.Device? device = null)
    {
        var cpu = torch.tensor(t.Data, t.Shape.Select(d => (long)d).ToArray(), dtype: torch.float32);
        if (device is null || device.type == DeviceType.CPU) return cpu;
        using (cpu) return cpu.to(device);
    }

    /// <summary>A libtorch tensor as a new engine tensor (a copy, moved to the CPU first where needed).</summary>
    public static EngineTensor ToEngine(TorchTensor t)
    {
        using var scope = torch.NewDisposeScope();
        var cpu = t.detach().to(torch.float32).cpu().contiguous();
        return new EngineTensor(cpu.data<float>().ToArray(), cpu.shape.Select(d => checked((int)d)).ToArray());
    }
}
