using RobustLab.Engine.Attacks;
using RobustLab.Engine.Layers.Activations;
using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;
using RobustLab.Engine.Sweeps;
using RobustLab.Engine.Tensors;
using RobustLab.Tests.Cli;
using RobustLab.Torch;
using RobustLab.Torch.Modules;
using TorchSharp;

namespace RobustLab.Tests.Torch;

/// <summary>Every zoo architecture, and every retrofit, gives the same logits and input gradient on the engine and on libtorch.</summary>
public sealed class ZooAgreementTests
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string> Architectures() => new(ModelZoo.Names);

    private static void AssertAgree(ModelSpec spec, int seed)
    {
        var native = spec.CreateClassifier();
        var onTorch = spec with { Backend = new TorchBackend() };
        var torchModel = onTorch.CreateClassifier();
        var x = TorchFixture.Uniform(seed, 0f, 1f, [3, .. native.InputShape]);
        var labels = new[] { 1, 4, 7 };
        var (g, z) = native.InputGradient(x, Losses.CrossEntropy(labels));
        var (gt, zt) = torchModel.InputGradient(x, Losses.CrossEntropy(labels));
        TorchFixture.AssertClose(z, zt, Tolerance, $"{spec.Label} logits");
        TorchFixture.AssertClose(z, torchModel.Logits(x), Tolerance, $"{spec.Label} logits (no grad)");
        TorchFixture.AssertClose(g, gt, Tolerance, $"{spec.Label} input gradient");
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Random_weights_give_the_same_logits_and_input_gradient(string architecture) =>
        AssertAgree(ModelSpec.From(ModelZoo.Create(architecture, seed: 7)), seed: 3);

    [Theory]
    [InlineData("jumprelu:0.2")]
    [InlineData("rjumprelu:0.5")]
    [InlineData("srelu:2")]
    [InlineData("tanh")]
    public void Retrofits_give_the_same_logits_and_input_gradient(string activation) =>
        AssertAgree(ModelSpec.From(ModelZoo.Create(ModelZoo.LeNetLike, seed: 5)) with { Activation = activation, Seed = 2 }, seed: 4);

    [Fact]
    public void A_bpda_network_takes_the_surrogate_gradient_on_libtorch_too()
    {
        var network = ModelZoo.Create(ModelZoo.BorjiMnist, seed: 9);
        network.Retrofit(new JumpReLU(0.3f), new ReLU());
        var reference = ModelZoo.Create(ModelZoo.BorjiMnist, seed: 9);
        reference.Retrofit(new JumpReLU(0.3f), new ReLU());
        var x = TorchFixture.Uniform(8, 0f, 1f, 2, 1, 28, 28);
        var native = new Engine.Classifiers.NetworkClassifier(network).InputGradient(x, Losses.CrossEntropy([0, 3]));
        using var module = TorchNetwork.From(reference);
        var torchModel = new TorchClassifier(module, module.forward, [1, 28, 28], 10, "bpda", torch.CPU);
        var onTorch = torchModel.InputGradient(x, Losses.CrossEntropy([0, 3]));
        TorchFixture.AssertClose(native.Logits, onTorch.Logits, Tolerance, "BPDA logits");
        TorchFixture.AssertClose(native.Gradient, onTorch.Gradient, Tolerance, "BPDA input gradient");
    }

    [Fact]
    public void The_zoo_safetensors_files_load_into_the_torch_modules_by_their_PyTorch_names()
    {
        string path = Path.Combine(CliRunner.RepositoryRoot, "models", "lenet-like.safetensors");
        var file = SafeTensors.Read(path);
        using var module = TorchNetwork.Load(ModelZoo.LeNetLike, path);
        Assert.Equal(file.Tensors.Keys.Order(), module.state_dict().Keys.Order());
        var native = ModelFile.Load(path);
        var x = TorchFixture.Uniform(2, 0f, 1f, 4, 1, 28, 28);
        using var noGrad = torch.no_grad();
        TorchFixture.AssertClose(native.Forward(x), TensorBridge.ToEngine(module.forward(TensorBridge.ToTorch(x))), Tolerance, "trained lenet-like logits");
    }
}
