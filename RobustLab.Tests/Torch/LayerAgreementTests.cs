using RobustLab.Engine.Layers;
using RobustLab.Engine.Layers.Activations;
using RobustLab.Engine.Tensors;
using RobustLab.Torch;
using RobustLab.Torch.Modules;
using TorchSharp;

namespace RobustLab.Tests.Torch;

/// <summary>
/// libtorch as the reference for every layer of the engine: for random weights and inputs, the forward pass, the input
/// gradient and every parameter gradient agree between the engine's Forward/Backward and libtorch's autograd.
/// </summary>
/// <remarks>Inputs are continuous random values, so no sample sits on a kink (ReLU at 0, a JumpReLU threshold, a pooling tie).</remarks>
public sealed class LayerAgreementTests
{
    private const double Tolerance = 2e-5;

    /// <summary>Every layer kind, with its input shape; activations are put in slots, twice when randomised (one per backend).</summary>
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in Layers().Keys) data.Add(name);
        return data;
    }

    private static Dictionary<string, (Func<Layer> Make, int[] Input)> Layers()
    {
        var layers = new Dictionary<string, (Func<Layer>, int[])>
        {
            ["conv 3→4 k3 p1"] = (() => new Conv2d("conv", 3, 4, 3, padding: 1, rng: new Random(1)), [2, 3, 7, 7]),
            ["conv 2→5 k3 s2"] = (() => new Conv2d("conv", 2, 5, 3, stride: 2, rng: new Random(2)), [3, 2, 9, 9]),
            ["linear 12→5"] = (() => new Linear("fc", 12, 5, new Random(3)), [4, 12]),
            ["maxpool 2"] = (() => new MaxPool2d("pool", 2), [2, 3, 8, 8]),
            ["maxpool 3 s2"] = (() => new MaxPool2d("pool", 3, 2), [2, 2, 9, 9]),
            ["avgpool 2"] = (() => new AvgPool2d("pool", 2), [2, 3, 6, 6]),
            ["batchnorm 3 (eval)"] = (() => BatchNorm(), [4, 3, 5, 5]),
            ["flatten"] = (() => new Flatten("flatten"), [2, 3, 4, 4]),
            ["dropout (eval)"] = (() => new Dropout("drop", 0.5f, 1), [3, 10]),
            ["dropout2d (eval)"] = (() => new Dropout2d("drop", 0.5f, 1), [2, 3, 4, 4]),
            ["bpda jumprelu:0.5 ↩ relu"] = (() => new ActivationSlot("act", new JumpReLU(0.5f)) { BackwardFunction = new ReLU() }, [4, 30]),
            ["bpda srelu:3 ↩ tanh"] = (() => new ActivationSlot("act", new SlopedReLU(3f)) { BackwardFunction = new Tanh() }, [4, 30]),
        };
        foreach (var a in ActivationCatalog.Examples()) layers[$"slot {a.Spec}"] = (() => new ActivationSlot("act", a.Clone()), [4, 30]);
        return layers;
    }

    private static BatchNorm2d BatchNorm()
    {
        var b = new BatchNorm2d("bn", 3);
        var rng = new Random(4);
        for (int c = 0; c < 3; c++)
        {
            b.Gamma.Value[c] = 0.5f + rng.NextSingle();
            b.Beta.Value[c] = rng.NextSingle() - 0.5f;
            b.RunningMean.Value[c] = rng.NextSingle() - 0.5f;
            b.RunningVar.Value[c] = 0.5f + rng.NextSingle();
        }
        return b;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_input_gradient_and_parameter_gradients_agree_with_libtorch(string name)
    {
        var (make, shape) = Layers()[name];
        var native = make();
        var reference = make(); // its own instance: a randomized JumpReLU draws the same κ from its own seeded stream
        var x = TorchFixture.Uniform(10, -2f, 2f, shape);
        var y = native.Forward(x, training: false).Clone();
        var dy = TorchFixture.Uniform(11, -1f, 1f, y.Shape);
        foreach (var p in native.Parameters) p.ZeroGrad();
        var dx = native.Backward(dy)!.Clone();

        using var scope = torch.NewDisposeScope();
        var module = TorchNetwork.Translate(reference);
        TorchNetwork.LoadState(module, reference.Parameters.Concat(reference.Buffers).ToDictionary(p => p.Name, p => p.Value));
        module.eval();
        var xt = TensorBridge.ToTorch(x).requires_grad_(true);
        var yt = module.forward(xt);
        yt.backward([TensorBridge.ToTorch(dy)]);

        TorchFixture.AssertClose(y, TensorBridge.ToEngine(yt), Tolerance, $"{name} forward");
        TorchFixture.AssertClose(dx, TensorBridge.ToEngine(xt.grad!), Tolerance, $"{name} input gradient");
        var torchParameters = module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal(native.Parameters.Select(p => p.Name).Order(), torchParameters.Keys.Order());
        foreach (var p in native.Parameters)
            TorchFixture.AssertClose(p.Grad, TensorBridge.ToEngine(torchParameters[p.Name].grad!), Tolerance, $"{name} ∂L/∂{p.Name}");
    }
}
