using RobustLab.Engine.Layers.Activations;
using RobustLab.Engine.Models;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;
using RobustLab.Tests.Layers;

namespace RobustLab.Tests.Models;

/// <summary>
/// The whole-model input gradient ∂L/∂x — what every attack spends its time on — against central
/// finite differences, for every architecture of the zoo.
/// </summary>
public sealed class ModelGradientTests
{
    public static TheoryData<string> Architectures => new(ModelZoo.Names);

    /// <summary>Every architecture with each activation family the lab retrofits.</summary>
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var arch in ModelZoo.Names.Where(a => a != ModelZoo.AlexLike))
            foreach (var act in new[] { "relu", "jumprelu:0.1", "srelu:3", "tanh" })
                data.Add(arch, act);
        return data;
    }

    // The float32 engine's logits against the double-precision reference walk of the same layers.
    [Theory]
    [MemberData(nameof(Cases))]
    [InlineData(ModelZoo.AlexLike, "relu")]
    [InlineData(ModelZoo.AlexLike, "srelu:3")]
    public void Forward_matches_the_double_precision_reference(string arch, string activation)
    {
        var net = ModelZoo.Create(arch, seed: 1);
        net.Retrofit(ActivationCatalog.Parse(activation));
        var (x, _) = Batch(net, new Random(2), 3);
        var logits = net.Forward(x);
        for (int n = 0; n < 3; n++)
        {
            var expected = ReferenceForward.Logits(net, x.Data.AsSpan(n * x.ExampleSize, x.ExampleSize));
            for (int k = 0; k < net.Classes; k++)
                GradientCheck.AssertClose(expected[k], logits[n * net.Classes + k], 1e-4, $"{arch}/{activation} logit[{n},{k}]");
        }
    }

    // ∂L/∂x from Backward against central differences of the double-precision reference loss
    // (h = 1e-4 in double: exact to ~1e-8, and far too small to cross a ReLU kink or a pooling tie
    // at these fixed seeds).
    [Theory]
    [MemberData(nameof(Cases))]
    [InlineData(ModelZoo.AlexLike, "relu")]
    [InlineData(ModelZoo.AlexLike, "tanh")]
    public void Input_gradient_matches_finite_differences(string arch, string activation)
    {
        var net = ModelZoo.Create(arch, seed: 3);
        net.Retrofit(ActivationCatalog.Parse(activation));
        var rng = new Random(4);
        var (x, labels) = Batch(net, rng, 2);
        var (_, dlogits) = SoftmaxCrossEntropy.Compute(net.Forward(x), labels);
        var analytic = net.Backward(dlogits)!;
        int size = x.ExampleSize;
        // AlexLike's double-precision reference is slow (≈ 40 MFLOP per call): fewer probes there.
        int probes = arch == ModelZoo.AlexLike ? 4 : 24;
        for (int t = 0; t < probes; t++)
        {
            int n = t % 2, i = rng.Next(size);
            var plus = x.Data.AsSpan(n * size, size).ToArray();
            var minus = (float[])plus.Clone();
            plus[i] += 1e-4f;
            minus[i] -= 1e-4f;
            double h = (double)plus[i] - minus[i];
            double numeric = (ReferenceForward.CrossEntropy(net, plus, labels[n]) - ReferenceForward.CrossEntropy(net, minus, labels[n])) / h;
            // Backward gives the gradient of the batch mean; the reference loss is per example.
            GradientCheck.AssertClose(numeric, analytic[n * size + i] * 2, 1e-3, $"{arch}/{activation} ∂L/∂x[{n},{i}]");
        }
    }

    // A batch of 20 takes the lane-major convolution path: its logits match the double-precision reference, its
    // InputGradient equals Backward's input gradient without touching parameter gradients, and Backward's input
    // gradient matches central differences of the reference loss.
    [Theory]
    [MemberData(nameof(Architectures))]
    public void Batched_lane_path_matches_the_reference(string arch)
    {
        const int n = 20;
        var net = ModelZoo.Create(arch, seed: 7);
        var rng = new Random(8);
        var (x, labels) = Batch(net, rng, n);
        var logits = net.Forward(x);
        int size = x.ExampleSize;
        foreach (int e in new[] { 0, 13, 19 })
        {
            var expected = ReferenceForward.Logits(net, x.Data.AsSpan(e * size, size));
            for (int k = 0; k < net.Classes; k++)
                GradientCheck.AssertClose(expected[k], logits[e * net.Classes + k], 1e-4, $"{arch} logit[{e},{k}]");
        }
        var (_, dlogits) = SoftmaxCrossEntropy.Compute(logits, labels);
        var fast = net.InputGradient(dlogits);
        Assert.All(net.NamedParameters(), p => Assert.All(p.Parameter.Grad.Data, g => Assert.Equal(0f, g)));
        var full = net.Backward(dlogits)!;
        Assert.Equal(full.Data, fast.Data);
        for (int t = 0; t < (arch == ModelZoo.AlexLike ? 2 : 8); t++)
        {
            int e = rng.Next(n), i = rng.Next(size);
            var plus = x.Data.AsSpan(e * size, size).ToArray();
            var minus = (float[])plus.Clone();
            plus[i] += 1e-4f;
            minus[i] -= 1e-4f;
            double h = (double)plus[i] - minus[i];
            double numeric = (ReferenceForward.CrossEntropy(net, plus, labels[e]) - ReferenceForward.CrossEntropy(net, minus, labels[e])) / h;
            GradientCheck.AssertClose(numeric, full[e * size + i] * n, 1e-3, $"{arch} ∂L/∂x[{e},{i}]");
        }
    }

    [Fact]
    public void Backward_without_input_gradient_still_accumulates_parameter_gradients()
    {
        var net = ModelZoo.Create(ModelZoo.LeNetLike, seed: 5);
        var (x, labels) = Batch(net, new Random(6), 4);
        var (_, dlogits) = SoftmaxCrossEntropy.Compute(net.Forward(x), labels);
        Assert.Null(net.Backward(dlogits, needInputGradient: false));
        var conv1 = net.NamedParameters().Single(p => p.Name == "conv1.weight").Parameter;
        Assert.Contains(conv1.Grad.Data, v => v != 0f);
    }

    [Fact]
    public void Zoo_uses_pytorch_parameter_names_and_shapes()
    {
        var lenet = ModelZoo.Create(ModelZoo.LeNetLike);
        Assert.Equal(
            ["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"],
            lenet.NamedState().Select(p => p.Name));
        Assert.Equal([10, 1, 5, 5], lenet.StateDict()["conv1.weight"].Shape);
        Assert.Equal([120, 320], lenet.StateDict()["fc1.weight"].Shape);
        Assert.Equal(["act1", "act2", "act3", "act4"], lenet.Slots.Select(s => s.Name));
        var borji = ModelZoo.Create(ModelZoo.BorjiMnist);
        Assert.Equal([50, 320], borji.StateDict()["fc1.weight"].Shape);
        Assert.Equal([3200], new[] { ModelZoo.Create(ModelZoo.AlexLike).StateDict()["fc1.weight"].Shape[1] });
        Assert.Equal(10, ModelZoo.Create(ModelZoo.BorjiCifarCnn1).Classes);
    }

    [Fact]
    public void Cnn2_retrofit_leaves_convolution_slots_as_relu()
    {
        var net = ModelZoo.Create(ModelZoo.BorjiCifarCnn2);
        net.Retrofit(new SlopedReLU(10f));
        Assert.Equal(["relu", "relu", "srelu:10", "srelu:10"], net.Slots.Select(s => s.Function.Spec));
    }

    [Fact]
    public void Same_seed_builds_the_same_model_and_different_seeds_differ()
    {
        var a = ModelZoo.Create(ModelZoo.LeNetLike, seed: 9).StateDict();
        var b = ModelZoo.Create(ModelZoo.LeNetLike, seed: 9).StateDict();
        var c = ModelZoo.Create(ModelZoo.LeNetLike, seed: 10).StateDict();
        Assert.Equal(a["fc1.weight"].Data, b["fc1.weight"].Data);
        Assert.NotEqual(a["fc1.weight"].Data, c["fc1.weight"].Data);
    }

    [Fact]
    public void Load_state_dict_rejects_missing_and_misshapen_tensors()
    {
        var net = ModelZoo.Create(ModelZoo.LeNetLike);
        var state = net.StateDict();
        state.Remove("fc3.bias");
        Assert.Contains("fc3.bias", Assert.Throws<InvalidDataException>(() => net.LoadStateDict(state)).Message);
        state = net.StateDict();
        state["fc3.bias"] = new Tensor(11);
        Assert.Contains("[11]", Assert.Throws<InvalidDataException>(() => net.LoadStateDict(state)).Message);
    }

    [Fact]
    public void Unknown_architecture_names_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelZoo.Create("resnet"));
        Assert.Contains(ModelZoo.LeNetLike, e.Message);
    }

    private static (Tensor X, int[] Labels) Batch(Network net, Random rng, int n)
    {
        var x = new Tensor([n, .. net.InputShape]);
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextSingle();
        return (x, Enumerable.Range(0, n).Select(i => (i * 3) % net.Classes).ToArray());
    }
}
