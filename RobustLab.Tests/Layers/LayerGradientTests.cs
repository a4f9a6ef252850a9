using RobustLab.Engine.Layers;
using RobustLab.Engine.Layers.Activations;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Layers;

/// <summary>Every layer's Backward against central finite differences (GradientCheck), in train and eval mode.</summary>
public sealed class LayerGradientTests
{
    /// <summary>The catalog of layers under test: a deterministic factory, an input and whether to run in training mode.</summary>
    public static TheoryData<string> Catalog => new(Cases.Keys);

    private static readonly Dictionary<string, Func<(Func<Layer> Make, Tensor X, bool Training)>> Cases = new()
    {
        ["conv2d"] = () => (() => new Conv2d("conv", 2, 3, 3, rng: new Random(1)), Smooth([2, 2, 6, 5]), false),
        ["conv2d-stride2-pad1"] = () => (() => new Conv2d("conv", 2, 4, 3, stride: 2, padding: 1, rng: new Random(2)), Smooth([2, 2, 7, 6]), false),
        ["conv2d-pad2-k5"] = () => (() => new Conv2d("conv", 1, 2, 5, padding: 2, rng: new Random(3)), Smooth([3, 1, 6, 6]), false),
        ["conv2d-lenet-conv1"] = () => (() => new Conv2d("conv", 1, 10, 5, rng: new Random(21)), Smooth([2, 1, 28, 28]), false),
        ["conv2d-lenet-conv2"] = () => (() => new Conv2d("conv", 10, 20, 5, rng: new Random(22)), Smooth([2, 10, 12, 12]), false),
        ["conv2d-lanes"] = () => (() => new Conv2d("conv", 2, 3, 3, rng: new Random(1)) { UseLanes = true }, Smooth([2, 2, 6, 5]), false),
        ["conv2d-lanes-pad1"] = () => (() => new Conv2d("conv", 2, 6, 3, padding: 1, rng: new Random(2)) { UseLanes = true }, Smooth([3, 2, 5, 6]), false),
        ["conv2d-lanes-window"] = () => (() => new Conv2d("conv", 2, 3, 5, padding: 2, rng: new Random(3)) { UseLanes = true }, Smooth([2, 2, 6, 8]), false),
        ["conv2d-lanes-lenet-conv2"] = () => (() => new Conv2d("conv", 10, 20, 5, rng: new Random(22)) { UseLanes = true }, Smooth([2, 10, 12, 12]), false),
        ["linear-lenet-fc1"] = () => (() => new Linear("fc", 320, 120, new Random(23)), Smooth([2, 320]), false),
        ["linear"] = () => (() => new Linear("fc", 7, 5, new Random(4)), Smooth([3, 7]), false),
        ["linear-batch-17"] = () => (() => new Linear("fc", 33, 11, new Random(5)), Smooth([17, 33]), false),
        ["maxpool2d"] = () => (() => new MaxPool2d("pool", 2), GradientCheck.Distinct([2, 3, 6, 6], new Random(6)), false),
        ["maxpool2d-k3-s2"] = () => (() => new MaxPool2d("pool", 3, 2), GradientCheck.Distinct([2, 2, 7, 7], new Random(7)), false),
        ["avgpool2d"] = () => (() => new AvgPool2d("pool", 2), Smooth([2, 3, 6, 4]), false),
        ["flatten"] = () => (() => new Flatten("flatten"), Smooth([2, 3, 2, 2]), false),
        ["dropout-train"] = () => (() => new Dropout("drop", 0.5f, seed: 8), Smooth([4, 10]), true),
        ["dropout-eval"] = () => (() => new Dropout("drop", 0.5f, seed: 8), Smooth([4, 10]), false),
        ["dropout2d-train"] = () => (() => new Dropout2d("drop", 0.5f, seed: 9), Smooth([3, 4, 3, 3]), true),
        ["batchnorm2d-train"] = () => (() => BatchNorm(), Smooth([4, 3, 3, 3]), true),
        ["batchnorm2d-eval"] = () => (() => BatchNorm(), Smooth([4, 3, 3, 3]), false),
    };

    [Theory]
    [MemberData(nameof(Catalog))]
    public void Backward_matches_finite_differences(string name)
    {
        var (make, x, training) = Cases[name]();
        GradientCheck.Check(make, x, training);
    }

    public static TheoryData<string> Activations => new(ActivationCatalog.Examples().Select(a => a.Spec));

    [Theory]
    [MemberData(nameof(Activations))]
    public void Activation_backward_matches_finite_differences(string spec)
    {
        var prototype = ActivationCatalog.Examples().Single(a => a.Spec == spec);
        // Kinks: 0 for the ReLU family, κ for JumpReLU; for the randomized one, the κ its seeded stream draws first.
        var probe = prototype.Clone();
        probe.BeginForward();
        float[] kinks = probe switch
        {
            JumpReLU j => [0f, j.Kappa],
            RandomizedJumpReLU r => [0f, r.Kappa],
            _ => [0f],
        };
        var x = GradientCheck.AwayFromKinks([3, 2, 4, 4], new Random(10), kinks);
        GradientCheck.Check(() => new ActivationSlot("act", prototype.Clone()), x, training: false);
    }

    [Fact]
    public void Slot_backward_uses_the_surrogate_when_set()
    {
        // BPDA: forward through JumpReLU(1), backward through ReLU's derivative.
        var x = GradientCheck.AwayFromKinks([1, 8], new Random(11), [0f, 1f], lo: -1f, hi: 2f);
        var slot = new ActivationSlot("act", new JumpReLU(1f)) { BackwardFunction = new ReLU() };
        var y = slot.Forward(x, false);
        var dy = Tensor.ZerosLike(y);
        Array.Fill(dy.Data, 1f);
        var dx = slot.Backward(dy)!;
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(x[i] > 1f ? x[i] : 0f, y[i]);
            Assert.Equal(x[i] > 0f ? 1f : 0f, dx[i]);
        }
    }

    [Fact]
    public void JumpReLU_with_kappa_zero_is_ReLU_and_SReLU_one_is_ReLU()
    {
        var z = GradientCheck.AwayFromKinks([1, 64], new Random(12), [0f]).Data;
        var relu = new float[64];
        var jump = new float[64];
        var srelu = new float[64];
        new ReLU().Forward(z, relu);
        new JumpReLU(0f).Forward(z, jump);
        new SlopedReLU(1f).Forward(z, srelu);
        Assert.Equal(relu, jump);
        Assert.Equal(relu, srelu);
    }

    [Fact]
    public void Randomized_JumpReLU_draws_kappa_in_range_reproducibly()
    {
        var a = new RandomizedJumpReLU(2f, seed: 3);
        var b = new RandomizedJumpReLU(2f, seed: 3);
        var kappas = new HashSet<float>();
        for (int i = 0; i < 50; i++)
        {
            a.BeginForward();
            b.BeginForward();
            Assert.Equal(a.Kappa, b.Kappa);
            Assert.InRange(a.Kappa, 1.2f, 2f);
            kappas.Add(a.Kappa);
        }
        Assert.True(kappas.Count > 40, "κ should change between forward passes");
    }

    [Theory]
    [InlineData("relu", typeof(ReLU))]
    [InlineData("jumprelu:0.25", typeof(JumpReLU))]
    [InlineData("rjumprelu:1", typeof(RandomizedJumpReLU))]
    [InlineData("srelu:5", typeof(SlopedReLU))]
    [InlineData("ELU", typeof(Elu))]
    public void Catalog_parses_specs(string spec, Type expected) =>
        Assert.IsType(expected, ActivationCatalog.Parse(spec));

    [Theory]
    [InlineData("jumprelu")]
    [InlineData("jumprelu:-1")]
    [InlineData("srelu:0")]
    [InlineData("srelu:abc")]
    [InlineData("swish")]
    [InlineData("relu:3")]
    public void Catalog_rejects_bad_specs_with_a_message(string spec)
    {
        var e = Assert.Throws<FormatException>(() => ActivationCatalog.Parse(spec));
        Assert.Contains(spec.Split(':')[0], e.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static BatchNorm2d BatchNorm()
    {
        var bn = new BatchNorm2d("bn", 3);
        var rng = new Random(13);
        for (int c = 0; c < 3; c++)
        {
            bn.Gamma.Value[c] = 0.5f + rng.NextSingle();
            bn.Beta.Value[c] = rng.NextSingle() - 0.5f;
            bn.RunningMean.Value[c] = rng.NextSingle() - 0.5f;
            bn.RunningVar.Value[c] = 0.5f + rng.NextSingle();
        }
        return bn;
    }

    private static Tensor Smooth(int[] shape) => GradientCheck.RandomLike(new Tensor(shape), new Random(shape.Sum()));
}
