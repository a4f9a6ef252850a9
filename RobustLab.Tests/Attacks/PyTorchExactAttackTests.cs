// FGSM and PGD (no random start) give PyTorch's adversarial images pixel for pixel, on PyTorch-trained weights, for
// ReLU and the SReLU retrofit (Borji §1), from fixtures made by Debian's PyTorch (tools/exact_attack_fixtures.py).
// The only components allowed to differ are those where PyTorch's own float32 gradient is within rounding of zero
// (its sign disagrees with the same backward pass in float64, or it is dominated by rounding): there the sign is
// decided by the order of floating-point sums, which two engines need not share. They are counted and bounded.
// For PGD a step taken differently at such a component moves the later iterates of that example, so PGD tolerates
// differences in an example only when its PyTorch path met such a component; those examples are counted and bounded.
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Layers.Activations;
using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;
using RobustLab.Engine.Tensors;
using Xunit.Abstractions;

namespace RobustLab.Tests.Attacks;

public sealed class PyTorchExactAttackTests(ITestOutputHelper output)
{
    private const int Images = 100, PgdImages = 50;
    private static readonly float[] FgsmEpsilons = [0.05f, 0.1f, 0.3f];

    // At most this fraction of all compared pixels may differ, and only where PyTorch's gradient is within rounding of zero.
    private const double MaxToleratedFraction = 0.002;

    // At most this many of the PGD examples may part from PyTorch's path (each only after a near-zero component).
    private const int MaxPartedPgdExamples = 5;

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var arch in new[] { ModelZoo.LeNetLike, ModelZoo.BorjiMnist })
            foreach (var activation in new[] { "relu", "srelu:2", "srelu:10" })
                data.Add(arch, activation);
        return data;
    }

    private static (IClassifier Model, PyTorchAttackFixture Fixture) Load(string arch, string activation)
    {
        var net = ModelFile.Load(Fixture($"exact-{arch}.pytorch.safetensors"));
        if (activation != "relu") net.Retrofit(ActivationCatalog.Parse(activation));
        return (new NetworkClassifier(net), new PyTorchAttackFixture(Fixture($"exact-{arch}.attacks.safetensors")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FgsmGivesPyTorchsAdversarialImages(string arch, string activation)
    {
        var (model, fixture) = Load(arch, activation);
        var x = fixture.Images(Images);
        int[] labels = fixture.Labels(Images);
        var sign = fixture.Signs($"{activation}/fgsm.sign");
        var nearZero = fixture.Mask($"{activation}/fgsm.near_zero", x.ExampleSize);
        foreach (float eps in FgsmEpsilons)
        {
            var ours = new Fgsm(eps).Run(model, x, labels).Adversarial;
            // PyTorch: torch.clamp(x + ε·grad.sign(), 0, 1) in float32.
            var expected = x.Clone();
            for (int i = 0; i < x.Length; i++) expected.Data[i] = Math.Clamp(x.Data[i] + eps * sign[i], 0f, 1f);
            AssertSamePixels($"{arch} {activation} FGSM ε {eps}", expected, ours, nearZero);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PgdWithoutRandomStartGivesPyTorchsAdversarialImages(string arch, string activation)
    {
        var (model, fixture) = Load(arch, activation);
        var x = fixture.Images(PgdImages);
        int[] labels = fixture.Labels(PgdImages);
        var expected = fixture.Float($"{activation}/pgd.adversarial");
        var nearZero = fixture.Mask($"{activation}/pgd.near_zero", x.ExampleSize);
        Assert.Equal("eps=0.3,step=0.05,steps=10", fixture.Metadata["pgd"]);
        var pgd = new Pgd(new ThreatModel(LpNorm.Linf, 0.3f), steps: 10, stepSize: 0.05f, randomStart: false);
        var ours = pgd.Run(model, x, labels).Adversarial;
        int size = x.ExampleSize, parted = 0, wrong = 0;
        for (int n = 0; n < x.N; n++)
        {
            int differing = 0;
            for (int i = n * size; i < (n + 1) * size; i++)
                if (BitConverter.SingleToInt32Bits(expected.Data[i]) != BitConverter.SingleToInt32Bits(ours.Data[i])) differing++;
            if (differing == 0) continue;
            if (nearZero.AsSpan(n * size, size).Contains(true)) parted++;
            else wrong++;
        }
        int ambiguous = Enumerable.Range(0, x.N).Count(n => nearZero.AsSpan(n * size, size).Contains(true));
        output.WriteLine($"{arch} {activation} PGD: {x.N - parted - wrong} of {x.N} examples bit-identical to PyTorch's; {parted} differ after "
            + $"a step at a component where PyTorch's gradient is within rounding of zero ({ambiguous} examples met one); {wrong} differ otherwise");
        Assert.Equal(0, wrong);
        Assert.True(parted <= MaxPartedPgdExamples, $"{arch} {activation} PGD: {parted} of {x.N} examples part from PyTorch's path, more than {MaxPartedPgdExamples}.");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void InputGradientIsExactlyZeroOnPyTorchsExamples(string arch, string activation)
    {
        var (model, fixture) = Load(arch, activation);
        var x = fixture.Images(Images);
        int[] labels = fixture.Labels(Images);
        var expected = fixture.Flags($"{activation}/zero_gradient");
        var (gradient, _) = model.InputGradient(x, Losses.CrossEntropy(labels));
        var ours = Enumerable.Range(0, x.N).Select(n => gradient.Data.AsSpan(n * x.ExampleSize, x.ExampleSize).IndexOfAnyExcept(0f) < 0).ToArray();
        output.WriteLine($"{arch} {activation}: {ours.Count(z => z)} of {x.N} input gradients exactly zero (PyTorch: {expected.Count(z => z)})");
        Assert.Equal(expected, ours);
    }

    private void AssertSamePixels(string what, Tensor expected, Tensor ours, bool[] nearZero)
    {
        Assert.Equal(expected.Shape, ours.Shape);
        int tolerated = 0, wrong = 0, firstWrong = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected.Data[i]) == BitConverter.SingleToInt32Bits(ours.Data[i])) continue;
            if (nearZero[i]) tolerated++;
            else if (wrong++ == 0) firstWrong = i;
        }
        output.WriteLine($"{what}: {expected.Length - tolerated - wrong} of {expected.Length} pixels bit-identical to PyTorch's; "
            + $"{tolerated} differ where PyTorch's gradient is within rounding of zero ({nearZero.Count(b => b)} such components); {wrong} differ elsewhere");
        Assert.True(wrong == 0, $"{what}: {wrong} pixels differ from PyTorch's where its gradient is clear of zero; first at {firstWrong}: PyTorch {expected.Data[Math.Max(0, firstWrong)]}, ours {ours.Data[Math.Max(0, firstWrong)]}.");
        Assert.True(tolerated <= MaxToleratedFraction * expected.Length, $"{what}: {tolerated} near-zero pixels differ, more than {MaxToleratedFraction:P1} of {expected.Length}.");
    }
}
