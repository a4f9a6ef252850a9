using System.IO.Compression;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;
using RobustLab.Engine.Tensors;
using RobustLab.Tests.Cli;
using RobustLab.Tests.Torch;
using RobustLab.Web.Services.Registry;

namespace RobustLab.Tests.Web.Registry;

// TorchScript uploads to the model registry: off by default (refused, naming the setting); when on, a malformed archive,
// an archive without TorchScript's entries, a model of the wrong shape or with non-finite logits, or one that overruns the
// load time limit is refused with a clear message and nothing else is affected; resnet-mini.pt makes the round trip and
// gives PyTorch's own logits.
public sealed class TorchScriptRegistryTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public TorchScriptRegistryTests()
    {
        Directory.CreateDirectory(BuiltIns);
        ModelFile.Save(ModelZoo.Create(ModelZoo.LeNetLike, seed: 1), Path.Combine(BuiltIns, "lenet-like.safetensors"),
            new Dictionary<string, string> { ["dataset"] = "mnist" });
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private string BuiltIns => _temp.File("models");
    private string Folder => _temp.File("registry");

    internal static string Fixture(string name) => Path.Combine(CliRunner.RepositoryRoot, "RobustLab.Tests", "Fixtures", "torchscript", name);

    private ModelRegistry Registry(bool allow = true, TimeSpan? timeout = null) =>
        new(new ModelRegistrySettings(Folder, BuiltIns, 1 << 20, allow, timeout), NullLogger<ModelRegistry>.Instance);

    private static Task<RegisteredModel> Import(ModelRegistry registry, string name, byte[] bytes, string fileName = "model.pt") =>
        registry.ImportAsync(name, new MemoryStream(bytes), fileName);

    private string[] ModelFiles() => !Directory.Exists(Folder) ? [] : Directory.GetFiles(Folder).Select(f => Path.GetFileName(f)!)
        .Where(f => !f.StartsWith(ModelRegistry.DatabaseFile, StringComparison.Ordinal)).ToArray();

    /// <summary>resnet-mini.pt with its forward's last line replaced (TorchScript source, recompiled by libtorch on load).</summary>
    internal static byte[] Variant(string returnLine)
    {
        var bytes = File.ReadAllBytes(Fixture("resnet-mini.pt"));
        using var stream = new MemoryStream();
        stream.Write(bytes);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("resnet-mini/code/__torch__.py")!;
            string code;
            using (var reader = new StreamReader(entry.Open())) code = reader.ReadToEnd();
            const string original = "    return (fc).forward(h2, )";
            Assert.Contains(original, code);
            entry.Delete();
            zip.GetEntry("resnet-mini/code/__torch__.py.debug_pkl")?.Delete(); // its source ranges no longer fit
            using var writer = new StreamWriter(zip.CreateEntry("resnet-mini/code/__torch__.py").Open());
            writer.Write(code.Replace(original, returnLine));
        }
        return stream.ToArray();
    }

    [Fact]
    public async Task Off_by_default_a_TorchScript_upload_is_refused_naming_the_setting()
    {
        var registry = new ModelRegistry(new ModelRegistrySettings(Folder, BuiltIns, 1 << 20), NullLogger<ModelRegistry>.Instance);
        var e = await Assert.ThrowsAsync<RegistryException>(() => Import(registry, "mine", File.ReadAllBytes(Fixture("resnet-mini.pt")), "resnet-mini.pt"));
        Assert.Equal(RegistryRefusal.Disabled, e.Reason);
        Assert.Contains("RobustLab:Registry:AllowTorchScript", e.Message);
        Assert.Contains("code that libtorch interprets", e.Message);
        // Also by content, whatever the file is called (the HTTP endpoint has no file name).
        e = await Assert.ThrowsAsync<RegistryException>(() => Import(registry, "mine", File.ReadAllBytes(Fixture("resnet-mini.pt")), "the upload"));
        Assert.Equal(RegistryRefusal.Disabled, e.Reason);
        Assert.Equal("lenet-like", Assert.Single(registry.List()).Name);
        Assert.Empty(ModelFiles());
    }

    [Fact]
    public async Task Resnet_mini_makes_the_round_trip_and_gives_PyTorchs_clean_logits()
    {
        var model = await Import(Registry(), "resnet-mini", File.ReadAllBytes(Fixture("resnet-mini.pt")), "resnet-mini.pt");
        Assert.Equal((TorchScriptModels.Architecture, ModelSource.Imported), (model.Architecture, model.Source));
        Assert.True(model.IsTorchScript);
        Assert.Equal([1, 28, 28], model.InputShape!);
        Assert.Equal("mnist", model.Metadata["dataset"]);
        Assert.Equal("resnet-mini.pt", model.DownloadName);
        Assert.EndsWith(".pt", model.FilePath);
        Assert.Equal(File.ReadAllBytes(Fixture("resnet-mini.pt")), File.ReadAllBytes(model.FilePath));

        // A fresh registry (a restart) lists and loads it; its classifier gives PyTorch's logits.
        SqliteConnection.ClearAllPools();
        var registry = Registry();
        Assert.Contains(registry.List(), m => m.Name == "resnet-mini" && m.IsTorchScript);
        var trained = registry.Load("resnet-mini");
        Assert.NotNull(trained.NoRetrofitReason);
        var expected = SafeTensors.Read(Fixture("resnet-mini.expected.safetensors")).Tensors;
        var classifier = trained.Classifier();
        TorchFixture.AssertClose(expected["logits"], classifier.Logits(expected["inputs"]), 1e-5, "logits through the registry");
        Assert.Contains("resnet-mini", classifier.Description);
        Assert.DoesNotContain(Folder, classifier.Description);
        // Its sweep recipe runs on libtorch too; a retrofit is refused with the reason.
        var spec = trained.Spec("resnet-mini");
        Assert.Equal(("torch", "resnet-mini"), (spec.BackendName, spec.Name));
        Assert.Contains("activation slots", Assert.Throws<ArgumentException>(() => trained.Classifier("jumprelu:0.5")).Message);
        Assert.Contains("activation slots", Assert.Throws<ArgumentException>(() => trained.Classifier(bpda: true)).Message);
        Assert.Throws<InvalidOperationException>(() => trained.Instantiate());
    }

    public static TheoryData<string, string> Faults => new()
    {
        { "truncated", "not a well-formed zip" },
        { "not-a-zip", "not a well-formed zip" },
        { "zip-without-torchscript", "not a TorchScript archive (torch.jit.save): it has no" },
        { "five-classes", "gives 5 logits per image" },
        { "non-finite", "not finite" },
        { "no-image-input", "could not find the model's input shape" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_faulty_archive_is_refused_with_a_clear_message_and_nothing_else_is_affected(string fault, string message)
    {
        var registry = Registry();
        var good = await Import(registry, "good", File.ReadAllBytes(Fixture("resnet-mini.pt")));
        var pt = File.ReadAllBytes(Fixture("resnet-mini.pt"));
        byte[] bytes = fault switch
        {
            "truncated" => pt[..(pt.Length / 2)],
            "not-a-zip" => [.. "PK\u0003\u0004"u8, .. new byte[600]],
            "zip-without-torchscript" => Zip(("model/weights.bin", new byte[64]), ("model/readme.txt", "hello"u8.ToArray())),
            "five-classes" => Variant("    return torch.slice((fc).forward(h2, ), 1, 0, 5)"),
            "non-finite" => Variant("    return torch.div((fc).forward(h2, ), 0.)"),
            "no-image-input" => Variant("    return torch.mean((fc).forward(h2, ))"),
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };
        var e = await Assert.ThrowsAsync<RegistryException>(() => Import(registry, "bad", bytes, $"{fault}.pt"));
        Assert.Contains(message, e.Message);
        Assert.Contains($"{fault}.pt", e.Message);
        Assert.DoesNotContain(Folder, e.Message); // no server paths
        Assert.Null(registry.Find("bad"));
        Assert.Equal([Path.GetFileName(good.FilePath)], ModelFiles()); // no temporary file left
        Assert.NotNull(registry.Load("good").Classifier());
        Assert.NotNull(registry.Load("lenet-like").Instantiate());
    }

    [Fact]
    public async Task A_load_over_the_time_limit_is_refused()
    {
        var registry = Registry(timeout: TimeSpan.FromMilliseconds(1));
        // NOTE: no archive that hangs on purpose (its abandoned load would keep a core busy): loading and compiling any
        // archive takes longer than a millisecond.
        var e = await Assert.ThrowsAsync<RegistryException>(() => Import(registry, "slow", File.ReadAllBytes(Fixture("resnet-mini.pt")), "slow.pt"));
        Assert.Contains("TorchScriptLoadSeconds", e.Message);
        Assert.Null(registry.Find("slow"));
    }

    [Fact]
    public async Task A_registry_row_that_points_a_safetensors_architecture_at_a_pt_file_is_damaged_not_loaded()
    {
        var registry = Registry();
        await Import(registry, "resnet-mini", File.ReadAllBytes(Fixture("resnet-mini.pt")));
        SqliteConnection.ClearAllPools();
        using (var db = new SqliteConnection($"Data Source={Path.Combine(Folder, ModelRegistry.DatabaseFile)}"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "UPDATE models SET architecture = 'lenet-like' WHERE name = 'resnet-mini'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }
        SqliteConnection.ClearAllPools();
        var reopened = Registry();
        Assert.Null(reopened.Find("resnet-mini"));
        Assert.Contains("does not fit the architecture", Assert.Single(reopened.Damaged()).Problem);
    }

    [Fact]
    public async Task A_pt_file_no_row_refers_to_is_removed_on_the_next_start_and_registered_ones_stay()
    {
        var kept = await Import(Registry(), "kept", File.ReadAllBytes(Fixture("resnet-mini.pt")));
        File.Copy(kept.FilePath, Path.Combine(Folder, "lost.0123456789abcdef.pt")); // stored, never inserted (a crash)
        SqliteConnection.ClearAllPools();
        var registry = Registry();
        Assert.Equal(["kept"], registry.List().Where(m => !m.IsBuiltIn).Select(m => m.Name));
        Assert.Equal([Path.GetFileName(kept.FilePath)], ModelFiles());
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(content);
            }
        return stream.ToArray();
    }
}
