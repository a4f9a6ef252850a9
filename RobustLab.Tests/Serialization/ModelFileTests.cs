// ModelFile: a saved network loads back with identical logits; the architecture comes from the metadata or
// the caller, with clear errors (naming the file) when they disagree, are missing or do not fit the weights.
using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Serialization;

public sealed class ModelFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Tensor Inputs(Network net, int n = 3, int seed = 11)
    {
        var rng = new Random(seed);
        int[] shape = [n, .. net.InputShape];
        var x = new Tensor(shape);
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextSingle();
        return x;
    }

    public static TheoryData<string> Architectures() => new(ModelZoo.Names);

    [Theory]
    [MemberData(nameof(Architectures))]
    public void SavedNetworkLoadsWithIdenticalWeightsAndLogits(string arch)
    {
        var net = ModelZoo.Create(arch, seed: 5);
        string path = _dir.File($"{arch}.safetensors");
        ModelFile.Save(net, path);
        var loaded = ModelFile.Load(path, seed: 99);
        Assert.Equal(arch, loaded.Architecture);
        foreach (var ((name, p), (loadedName, q)) in net.NamedState().Zip(loaded.NamedState()))
        {
            Assert.Equal(name, loadedName);
            Assert.Equal(p.Value.Data, q.Value.Data);
        }
        var x = Inputs(net);
        Assert.Equal(net.Forward(x).Data, loaded.Forward(x).Data);
        // A different seed really gives different weights, so the equality above comes from the file.
        Assert.NotEqual(net.Forward(x).Data, ModelZoo.Create(arch, seed: 99).Forward(x).Data);
    }

    [Fact]
    public void MetadataHoldsArchitectureFormatAndExtras()
    {
        string path = _dir.File("m.safetensors");
        ModelFile.Save(ModelZoo.Create(ModelZoo.BorjiMnist), path, new Dictionary<string, string> { ["dataset"] = "mnist", ["format"] = "pt" });
        var metadata = ModelFile.ReadMetadata(path);
        Assert.Equal("borji-mnist", metadata["architecture"]);
        Assert.Equal("pt", metadata["format"]);
        Assert.Equal("mnist", metadata["dataset"]);
        Assert.Equal(ModelZoo.Create(ModelZoo.BorjiMnist).NamedState().Select(p => p.Name).Order(StringComparer.Ordinal),
            SafeTensors.Read(path).Tensors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ExtraMetadataCannotChangeTheArchitecture()
    {
        string path = _dir.File("m.safetensors");
        var e = Assert.Throws<ArgumentException>(() => ModelFile.Save(ModelZoo.Create(ModelZoo.BorjiMnist), path,
            new Dictionary<string, string> { ["architecture"] = "lenet-like" }));
        Assert.Contains("metadata 'architecture' is 'borji-mnist'", e.Message);
        Assert.Empty(_dir.Files());
    }

    [Fact]
    public void NaNWeightsAreNotSaved()
    {
        var net = ModelZoo.Create(ModelZoo.BorjiMnist);
        net.NamedState().Single(p => p.Name == "fc2.bias").Parameter.Value[3] = float.NaN;
        string path = _dir.File("diverged.safetensors");
        var e = Assert.Throws<ArgumentException>(() => ModelFile.Save(net, path));
        Assert.Contains(path, e.Message);
        Assert.Contains("Tensor 'fc2.bias' contains NaN", e.Message);
        Assert.Empty(_dir.Files());
    }

    [Fact]
    public void ArchitectureArgumentMustAgreeWithTheMetadata()
    {
        string path = _dir.File("m.safetensors");
        ModelFile.Save(ModelZoo.Create(ModelZoo.LeNetLike), path);
        Assert.Equal(ModelZoo.LeNetLike, ModelFile.Load(path, ModelZoo.LeNetLike).Architecture);
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path, ModelZoo.BorjiMnist));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains("holds architecture 'lenet-like', but 'borji-mnist' was requested", e.Message);
    }

    [Fact]
    public void WithoutArchitectureMetadataTheCallerMustPassIt()
    {
        string path = _dir.File("plain.safetensors");
        var net = ModelZoo.Create(ModelZoo.BorjiMnist, seed: 2);
        SafeTensors.Write(path, net.StateDict());
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains("no 'architecture' metadata", e.Message);
        Assert.Contains("--arch", e.Message);
        var loaded = ModelFile.Load(path, ModelZoo.BorjiMnist);
        var x = Inputs(net);
        Assert.Equal(net.Forward(x).Data, loaded.Forward(x).Data);
    }

    [Fact]
    public void UnknownArchitectureIsReportedWithTheFile()
    {
        string path = _dir.File("m.safetensors");
        SafeTensors.Write(path, ModelZoo.Create(ModelZoo.BorjiMnist).StateDict(), new Dictionary<string, string> { ["architecture"] = "resnet-50" });
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains("Unknown architecture 'resnet-50'", e.Message);
    }

    [Fact]
    public void WeightsOfAnotherArchitectureAreReportedWithTheFileAndTensor()
    {
        string path = _dir.File("m.safetensors");
        SafeTensors.Write(path, ModelZoo.Create(ModelZoo.BorjiMnist).StateDict());
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path, ModelZoo.LeNetLike));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains("fc3.weight", e.Message);

        var state = ModelZoo.Create(ModelZoo.BorjiMnist).StateDict();
        state["fc2.weight"] = new Tensor(10, 49);
        SafeTensors.Write(path, state, new Dictionary<string, string> { ["architecture"] = ModelZoo.BorjiMnist });
        e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains("'fc2.weight' has shape [10,49], expected [10,50]", e.Message);
    }

    [Fact]
    public void NonPyTorchLayoutIsRejected()
    {
        string path = _dir.File("tf.safetensors");
        SafeTensors.Write(path, ModelZoo.Create(ModelZoo.BorjiMnist).StateDict(),
            new Dictionary<string, string> { ["architecture"] = ModelZoo.BorjiMnist, ["format"] = "tf" });
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains("format is 'tf'", e.Message);
    }

    [Fact]
    public void MalformedFileIsReportedWithTheFile()
    {
        string path = _dir.File("broken.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
    }
}
