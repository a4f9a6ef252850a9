// Interop with PyTorch (tools/torch_interop.py). CI check: the committed PyTorch fixtures load into RobustLab
// and give PyTorch's logits within 1e-4. Reverse direction: RobustLab writes model + inputs/logits files that the
// Python script loads into PyTorch. With ROBUSTLAB_INTEROP_DIR set (by `torch_interop.py e2e`), the PyTorch
// exports in that directory are checked too and the RobustLab files are written there instead of a temp dir.
using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;
using RobustLab.Engine.Tensors;
using Xunit.Abstractions;

namespace RobustLab.Tests.Serialization;

public sealed class PyTorchInteropTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-4f;
    private const string InteropDirVariable = "ROBUSTLAB_INTEROP_DIR";

    private static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>The committed fixtures, plus every PyTorch export in ROBUSTLAB_INTEROP_DIR when it is set.</summary>
    public static TheoryData<string> PyTorchModels()
    {
        var data = new TheoryData<string>();
        foreach (var arch in new[] { ModelZoo.LeNetLike, ModelZoo.BorjiMnist, ModelZoo.BorjiCifarCnn1 })
            data.Add(Path.Combine(Fixtures, $"{arch}.pytorch.safetensors"));
        if (Environment.GetEnvironmentVariable(InteropDirVariable) is { Length: > 0 } dir)
            foreach (var file in Directory.GetFiles(dir, "*.pytorch.safetensors").Order(StringComparer.Ordinal))
                data.Add(file);
        return data;
    }

    [Theory]
    [MemberData(nameof(PyTorchModels))]
    public void PyTorchWeightsGiveRobustLabPyTorchsLogits(string modelPath)
    {
        var net = ModelFile.Load(modelPath);
        var reference = SafeTensors.Read(modelPath.Replace(".pytorch.safetensors", ".pytorch-logits.safetensors"));
        var inputs = reference.Tensors["inputs"];
        var expected = reference.Tensors["logits"];
        Assert.Equal(net.Architecture, reference.Metadata["architecture"]);
        Assert.Equal(4, inputs.N);
        Assert.All(inputs.Data, v => Assert.InRange(v, 0f, 1f));

        var logits = net.Forward(inputs, training: false);
        Assert.Equal(expected.Shape, logits.Shape);
        float diff = MaxAbsDiff(expected, logits);
        output.WriteLine($"PyTorch → RobustLab  {net.Architecture,-18} max |Δlogit| = {diff:E3}  ({Path.GetFileName(modelPath)})");
        Assert.True(diff < Tolerance, $"{net.Architecture}: max |Δlogit| = {diff} ≥ {Tolerance}");
        // The logits differ between examples by far more than the tolerance, so the check can tell them apart.
        Assert.True(MaxAbsDiff(expected.Slice(0, 1), expected.Slice(1, 1)) > 10 * Tolerance);
    }

    [Fact]
    public void RobustLabModelsAreWrittenForPyTorchWithTheirInputsAndLogits()
    {
        string? shared = Environment.GetEnvironmentVariable(InteropDirVariable);
        using var temp = new TempDirectory();
        string dir = string.IsNullOrEmpty(shared) ? temp.Root : shared;
        foreach (var arch in ModelZoo.Names)
        {
            var net = ModelZoo.Create(arch, seed: 42);
            var rng = new Random(7);
            int[] shape = [4, .. net.InputShape];
            var inputs = new Tensor(shape);
            for (int i = 0; i < inputs.Length; i++) inputs[i] = rng.NextSingle();
            var logits = net.Forward(inputs, training: false);

            string modelPath = Path.Combine(dir, $"{arch}.robustlab.safetensors");
            string logitsPath = Path.Combine(dir, $"{arch}.robustlab-logits.safetensors");
            ModelFile.Save(net, modelPath, new Dictionary<string, string> { ["producer"] = "robustlab" });
            SafeTensors.Write(logitsPath, new Dictionary<string, Tensor> { ["inputs"] = inputs, ["logits"] = logits },
                new Dictionary<string, string> { ["architecture"] = arch, ["producer"] = "robustlab" });

            // What PyTorch will read reproduces RobustLab's own logits exactly.
            var reference = SafeTensors.Read(logitsPath);
            Assert.Equal(logits.Data, ModelFile.Load(modelPath).Forward(reference.Tensors["inputs"]).Data);
            Assert.Equal(logits.Data, reference.Tensors["logits"].Data);
            output.WriteLine($"RobustLab wrote {Path.GetFileName(modelPath)} and {Path.GetFileName(logitsPath)} → {dir}");
        }
    }

    private static float MaxAbsDiff(Tensor a, Tensor b)
    {
        float max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }
}
