// DeepFool against an independent PyTorch implementation of the authors' algorithm (tools/deepfool_reference.py, from
// github.com/LTS4/DeepFool): the same PyTorch-trained lenet-like, the same 100 MNIST test images, ReLU and JumpReLU
// κ 0.5 in L2 and ReLU in L∞. Per example, the two must turn the same examples and find the same ‖δ‖; they may part
// only where float32 rounding decides a near tie (which boundary is nearest, or whether an iterate has crossed).
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Layers.Activations;
using RobustLab.Engine.Serialization;
using Xunit.Abstractions;

namespace RobustLab.Tests.Attacks;

public sealed class DeepFoolReferenceTests(ITestOutputHelper output)
{
    private const int Images = 100;
    private const float Close = 1e-3f;          // per-example relative agreement of ‖δ‖ ...
    private const int MaxApart = 3;             // ... on all but at most this many examples
    private const double MeanTolerance = 0.02;  // and the mean ‖δ‖ within 2 % (issue 10's cross-check)

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Theory]
    [InlineData("relu", LpNorm.L2)]
    [InlineData("jumprelu:0.5", LpNorm.L2)]
    [InlineData("relu", LpNorm.Linf)]
    public void Per_example_perturbations_are_the_pytorch_references(string activation, LpNorm norm)
    {
        var reference = SafeTensors.Read(Fixture("deepfool-reference.safetensors"));
        Assert.Equal("exact-lenet-like.pytorch.safetensors", reference.Metadata["model"]);
        string key = $"{activation}/{(norm == LpNorm.L2 ? "l2" : "linf")}";
        var turnedByReference = reference.Tensors[$"{key}/turned"].Data.Select(v => v != 0).ToArray();
        var referenceSize = reference.Tensors[$"{key}/delta_{(norm == LpNorm.L2 ? "l2" : "linf")}"].Data;

        var net = ModelFile.Load(Fixture("exact-lenet-like.pytorch.safetensors"));
        if (activation != "relu") net.Retrofit(ActivationCatalog.Parse(activation));
        var images = new PyTorchAttackFixture(Fixture("exact-lenet-like.attacks.safetensors"));
        var x = images.Images(Images);
        int[] labels = images.Labels(Images);
        var result = new DeepFool(norm).Run(new NetworkClassifier(net), x, labels);
        var size = norm == LpNorm.L2 ? result.L2 : result.Linf;
        var turned = Enumerable.Range(0, Images).Select(i => result.CleanPredictions[i] == labels[i] && result.Success[i]).ToArray();

        var both = Enumerable.Range(0, Images).Where(i => turned[i] && turnedByReference[i]).ToArray();
        int disagree = Enumerable.Range(0, Images).Count(i => turned[i] != turnedByReference[i]);
        var apart = both.Where(i => MathF.Abs(size[i] - referenceSize[i]) > Close * referenceSize[i]).ToArray();
        double mean = both.Average(i => size[i]), referenceMean = both.Average(i => referenceSize[i]);
        output.WriteLine($"{key}: turned {turned.Count(t => t)} (PyTorch {turnedByReference.Count(t => t)}), {disagree} disagree; "
            + $"mean ‖δ‖ {mean:F5} vs PyTorch {referenceMean:F5} over {both.Length}; {apart.Length} examples apart by more than {Close:P1}: "
            + string.Join(", ", apart.Select(i => $"#{i} {size[i]:F4} vs {referenceSize[i]:F4}")));
        Assert.True(disagree <= 1, $"{key}: {disagree} examples turned by one implementation and not the other.");
        Assert.True(apart.Length + disagree <= MaxApart, $"{key}: {apart.Length} examples' ‖δ‖ differ by more than {Close:P1} from PyTorch's.");
        Assert.InRange(mean / referenceMean, 1 - MeanTolerance, 1 + MeanTolerance);
    }
}
