using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;
using RobustLab.Web.Services.Registry;

namespace RobustLab.Tests.Faults;

// Replacing a registered model: the new file is written first, the row swapped in one transaction, the old file deleted
// after the commit. Whatever step a crash interrupts, the next start finds the old version or the new one, never
// neither, and no stray file. (The real SIGKILL during a save: ModelSaveKillTests.)
public sealed class ModelReplaceTests : IDisposable
{
    private readonly RegistryFolder _registry = new();

    public void Dispose() => _registry.Dispose();

    private static Network Net(int seed) => ModelZoo.Create(ModelZoo.LeNetLike, seed);

    private static MemoryStream FileOf(Network net)
    {
        var stream = new MemoryStream();
        SafeTensors.Write(stream, net.StateDict(), new Dictionary<string, string> { [ModelFile.ArchitectureKey] = net.Architecture });
        stream.Position = 0;
        return stream;
    }

    private static float[] Weights(RobustLab.Web.Services.TrainedModel model) => model.Instantiate().StateDict()["fc3.weight"].Data;

    [Fact]
    public async Task Replace_makes_the_new_version_current_and_removes_the_old_file()
    {
        var registry = _registry.Open();
        var v1 = registry.Register("net", Net(1));
        var v2 = await registry.ImportAsync("net", FileOf(Net(2)), "v2.safetensors", replace: true);

        Assert.NotEqual(v1.Sha256, v2.Sha256);
        Assert.Equal(Net(2).StateDict()["fc3.weight"].Data, Weights(registry.Load("net")));
        Assert.Equal([Path.GetFileName(v2.FilePath)], _registry.ModelFiles());
        Assert.Equal(["lenet-like", "net"], _registry.Open().List().Select(m => m.Name)); // one row, after a restart too
        Assert.Equal(Net(2).StateDict()["fc3.weight"].Data, Weights(_registry.Open().Load("NET")));

        var v3 = registry.Register("net", Net(3), replace: true); // a trained network can be saved as a new version too
        Assert.Equal(Net(3).StateDict()["fc3.weight"].Data, Weights(registry.Load("net")));
        Assert.Equal([Path.GetFileName(v3.FilePath)], _registry.ModelFiles());
    }

    [Fact]
    public async Task Without_replace_a_taken_name_is_refused_and_a_built_in_is_never_replaced()
    {
        var registry = _registry.Open();
        registry.Register("net", Net(1));
        var taken = await Assert.ThrowsAsync<RegistryException>(() => registry.ImportAsync("net", FileOf(Net(2)), "v2.safetensors"));
        Assert.Equal(RegistryRefusal.NameTaken, taken.Reason);
        Assert.Contains("already registered", taken.Message);
        var builtIn = await Assert.ThrowsAsync<RegistryException>(() => registry.ImportAsync("LENET-LIKE", FileOf(Net(2)), "v2.safetensors", replace: true));
        Assert.Equal(RegistryRefusal.NameTaken, builtIn.Reason);
        Assert.Contains("built-in", builtIn.Message);
        Assert.Equal(Net(1).StateDict()["fc3.weight"].Data, Weights(registry.Load("net")));
        Assert.Single(_registry.ModelFiles());
    }

    [Fact]
    public async Task A_replacement_that_does_not_load_leaves_the_old_version_alone()
    {
        var registry = _registry.Open();
        var v1 = registry.Register("net", Net(1));
        var bad = new MemoryStream(FileOf(Net(2)).ToArray()[..^100]);
        var e = await Assert.ThrowsAsync<RegistryException>(() => registry.ImportAsync("net", bad, "v2.safetensors", replace: true));
        Assert.Equal(RegistryRefusal.Invalid, e.Reason);
        Assert.Equal(v1.Sha256, registry.Find("net")!.Sha256);
        Assert.Equal([Path.GetFileName(v1.FilePath)], _registry.ModelFiles());
    }

    [Fact]
    public void A_crash_before_the_row_swap_keeps_the_old_version()
    {
        var registry = _registry.Open();
        var v1 = registry.Register("net", Net(1));
        // The new file was written (under its fresh name) when the process died; the row still names the old one.
        ModelFile.Save(Net(2), Path.Combine(_registry.Folder, "net.00000000000000000000000000000002.safetensors"));
        File.WriteAllText(Path.Combine(_registry.Folder, ".import-00000000000000000000000000000003.tmp"), "half an upload");

        var restarted = _registry.Open();
        Assert.Equal(Net(1).StateDict()["fc3.weight"].Data, Weights(restarted.Load("net")));
        Assert.Equal([Path.GetFileName(v1.FilePath)], _registry.ModelFiles());
        Assert.Equal("ok", RegistryIntegrity.Check(_registry.Database));
    }

    [Fact]
    public async Task A_crash_after_the_row_swap_keeps_the_new_version()
    {
        var registry = _registry.Open();
        var v1 = registry.Register("net", Net(1));
        var kept = _registry.Folder + "/kept-old";
        File.Copy(v1.FilePath, kept);
        var v2 = await registry.ImportAsync("net", FileOf(Net(2)), "v2.safetensors", replace: true);
        File.Move(kept, v1.FilePath); // as if the process died after the commit, before deleting the old file

        var restarted = _registry.Open();
        Assert.Equal(Net(2).StateDict()["fc3.weight"].Data, Weights(restarted.Load("net")));
        Assert.Equal([Path.GetFileName(v2.FilePath)], _registry.ModelFiles());
    }
}
