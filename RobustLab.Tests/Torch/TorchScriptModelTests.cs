using RobustLab.Engine.Attacks;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Serialization;
using RobustLab.Engine.Tensors;
using RobustLab.Tests.Cli;
using RobustLab.Torch.TorchScript;
using Xunit.Abstractions;

namespace RobustLab.Tests.Torch;

/// <summary>
/// A user's TorchScript model that is not in the zoo (tools/torchscript_fixture.py: BatchNorm, a residual block, global
/// average pooling, saved by PyTorch 1.13's torch.jit.script) gives PyTorch's own numbers through libtorch 2.10.
/// </summary>
public sealed class TorchScriptModelTests(ITestOutputHelper output)
{
    private static string Fixture(string name) => Path.Combine(CliRunner.RepositoryRoot, "RobustLab.Tests", "Fixtures", "torchscript", name);

    private static readonly Lazy<Dictionary<string, Tensor>> Expected = new(() => SafeTensors.Read(Fixture("resnet-mini.expected.safetensors")).Tensors);

    private static int[] Labels => Expected.Value["labels"].Data.Select(v => (int)v).ToArray();

    [Fact]
    public void Its_input_shape_and_classes_are_probed()
    {
        var model = TorchScriptModel.Load(Fixture("resnet-mini.pt"));
        Assert.Equal([1, 28, 28], model.Shape);
        Assert.Equal(10, model.ClassCount);
        Assert.Equal([1, 28, 28], model.Spec().InputShape);
    }

    [Fact]
    public void Logits_and_input_gradient_are_PyTorchs()
    {
        var classifier = TorchScriptModel.Load(Fixture("resnet-mini.pt")).Spec().CreateClassifier();
        var x = Expected.Value["inputs"];
        var (g, z) = classifier.InputGradient(x, Losses.CrossEntropy(Labels));
        TorchFixture.AssertClose(Expected.Value["logits"], z, 1e-5, "logits");
        TorchFixture.AssertClose(Expected.Value["logits"], classifier.Logits(x), 1e-5, "logits (no grad)");
        TorchFixture.AssertClose(Expected.Value["input_gradient"], g, 1e-4, "input gradient");
    }

    [Fact]
    public void Fgsm_through_RobustLab_gives_PyTorchs_adversarial_images()
    {
        var classifier = TorchScriptModel.Load(Fixture("resnet-mini.pt")).Spec().CreateClassifier();
        var x = Expected.Value["inputs"];
        var adversarial = new Fgsm(0.1f).Run(classifier, x, Labels).Adversarial;
        var expected = Expected.Value["fgsm"];
        var g = Expected.Value["input_gradient"];
        int differ = 0, notNearZero = 0, size = x.ExampleSize;
        for (int i = 0; i < x.Length; i++)
        {
            if (adversarial[i] == expected[i]) continue;
            differ++;
            float scale = 0;
            for (int j = i / size * size; j < (i / size + 1) * size; j++) scale = Math.Max(scale, Math.Abs(g[j]));
            if (Math.Abs(g[i]) > 1e-5f * scale) notNearZero++;
        }
        output.WriteLine($"FGSM ε=0.1 on the TorchScript model: {differ} of {x.Length} pixels differ from PyTorch's, {notNearZero} at a gradient not near zero.");
        Assert.Equal(0, notNearZero);
        TorchFixture.AssertClose(Expected.Value["fgsm_logits"], classifier.Logits(adversarial), 1e-3, "logits of the adversarial images");
    }

    [Fact]
    public void Wrapper_defenses_run_on_it_unchanged()
    {
        // Randomized smoothing and input scaling wrap any classifier: here a TorchScript one.
        var spec = TorchScriptModel.Load(Fixture("resnet-mini.pt")).Spec() with
        {
            Smoothing = DefenseSpec.ParseSmoothing("0.1:8:majority"),
            InputScale = DefenseSpec.ParseInputScaling("2"),
        };
        var classifier = spec.CreateClassifier();
        var z = classifier.Logits(Expected.Value["inputs"]);
        Assert.Equal([16, 10], z.Shape);
        Assert.All(z.Data, v => Assert.True(float.IsFinite(v)));
        var (g, _) = classifier.InputGradient(Expected.Value["inputs"], Losses.CrossEntropy(Labels));
        Assert.Contains(g.Data, v => v != 0);
    }

    [Fact]
    public void Retrofits_are_refused_with_the_reason()
    {
        var spec = TorchScriptModel.Load(Fixture("resnet-mini.pt")).Spec() with { Activation = "jumprelu:0.5" };
        var e = Assert.Throws<ArgumentException>(() => spec.Validate());
        Assert.Contains(TorchScriptModel.NoRetrofitReason, e.Message);
    }
}
