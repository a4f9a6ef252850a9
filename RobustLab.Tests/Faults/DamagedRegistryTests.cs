using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;
using RobustLab.Web.Services.Registry;

namespace RobustLab.Tests.Faults;

// Issue 5: a corrupted or truncated model file, and a corrupted database row → a clear message naming the model, and
// nothing else affected: the other models list and load, and the damaged one can still be deleted.
public sealed class DamagedRegistryTests : IDisposable
{
    private readonly RegistryFolder _registry = new();
    private readonly RegisteredModel _victim, _bystander;

    public DamagedRegistryTests()
    {
        var registry = _registry.Open();
        _victim = registry.Register("victim", ModelZoo.Create(ModelZoo.LeNetLike, seed: 2));
        _bystander = registry.Register("bystander", ModelZoo.Create(ModelZoo.BorjiMnist, seed: 3));
    }

    public void Dispose() => _registry.Dispose();

    // Everything but the victim still works on a fresh start, and the database file itself is sound (SQLite's check also
    // reports a row that breaks a CHECK constraint, which is the damage itself for the source column).
    private ModelRegistry AssertOthersUnaffected(bool brokeConstraint = false)
    {
        var registry = _registry.Open();
        Assert.Contains(registry.List(), m => m.Name == "bystander");
        Assert.Contains(registry.List(), m => m.Name == "lenet-like");
        Assert.Equal(ModelZoo.BorjiMnist, registry.Load("bystander").Architecture);
        Assert.Equal(ModelZoo.LeNetLike, registry.Load("lenet-like").Architecture);
        Assert.True(File.Exists(_bystander.FilePath));
        Assert.Equal(brokeConstraint ? "CHECK constraint failed in models" : "ok", RegistryIntegrity.Check(_registry.Database));
        return registry;
    }

    public static TheoryData<string, string> DamagedFiles() => new()
    {
        { "truncated", "does not load" },      // cut mid-tensor (a disk full, a copy interrupted)
        { "empty", "does not load" },
        { "garbage header", "does not load" },
        { "flipped weight", "damaged or was changed" }, // still parses: only the SHA-256 tells
        { "missing", "does not load" },
    };

    [Theory]
    [MemberData(nameof(DamagedFiles))]
    public void A_damaged_model_file_is_refused_by_name_and_nothing_else_is_affected(string damage, string expected)
    {
        var bytes = File.ReadAllBytes(_victim.FilePath);
        switch (damage)
        {
            case "truncated": File.WriteAllBytes(_victim.FilePath, bytes[..(bytes.Length / 2)]); break;
            case "empty": File.WriteAllBytes(_victim.FilePath, []); break;
            case "garbage header": bytes.AsSpan(0, 64).Fill(0xA5); File.WriteAllBytes(_victim.FilePath, bytes); break;
            case "flipped weight": bytes[^5] ^= 0x01; File.WriteAllBytes(_victim.FilePath, bytes); break;
            case "missing": File.Delete(_victim.FilePath); break;
        }

        var registry = AssertOthersUnaffected();
        Assert.Contains(registry.List(), m => m.Name == "victim"); // its row is sound: listed, refused when loaded
        var e = Assert.Throws<RegistryException>(() => registry.Load("victim"));
        Assert.Equal(RegistryRefusal.Damaged, e.Reason);
        Assert.Contains("'victim'", e.Message);
        Assert.Contains(expected, e.Message);
        registry.Delete("victim");
        Assert.DoesNotContain(registry.List(), m => m.Name == "victim");
    }

    public static TheoryData<string, string, string> DamagedRows() => new()
    {
        { "sha256", "'not-a-hash'", "SHA-256 'not-a-hash'" },
        { "sha256", "''", "SHA-256 ''" },
        { "architecture", "'resnet-9000'", "architecture 'resnet-9000' is unknown" },
        { "created_utc", "'yesterday-ish'", "date 'yesterday-ish' is not a date" },
        { "created_utc", "42", "date '42' is not a date" },
        { "source", "'Stolen'", "source 'Stolen'" },
        { "size_bytes", "'big'", "size is not a whole number" },
        { "metadata_json", "'{not json'", "metadata is not a JSON object" },
        { "metadata_json", "'[1,2]'", "metadata is not a JSON object" },
        { "file", "'../../outside.safetensors'", "is not a model file of the registry folder" },
        { "file", "X'00FF'", "file is not text" },
    };

    [Theory]
    [MemberData(nameof(DamagedRows))]
    public void A_damaged_database_row_is_refused_by_name_and_nothing_else_is_affected(string column, string value, string expected)
    {
        var outside = Path.Combine(_registry.Folder, "..", "outside.safetensors");
        File.WriteAllText(outside, "not the registry's to delete");
        Assert.Equal(1, _registry.Execute($"UPDATE models SET {column} = {value} WHERE name = 'victim';"));

        var registry = AssertOthersUnaffected(brokeConstraint: column == "source");
        Assert.DoesNotContain(registry.List(), m => m.Name == "victim"); // not offered where models are chosen
        Assert.Null(registry.Find("victim"));
        var damaged = Assert.Single(registry.Damaged());
        Assert.Equal("victim", damaged.Name);
        Assert.StartsWith("The registry entry of 'victim' is damaged: ", damaged.Problem);
        Assert.Contains(expected, damaged.Problem);
        var e = Assert.Throws<RegistryException>(() => registry.Load("victim"));
        Assert.Equal((RegistryRefusal.Damaged, damaged.Problem), (e.Reason, e.Message));

        registry.Delete("victim"); // the way out: delete it (and import it again)
        Assert.Empty(registry.Damaged());
        Assert.True(File.Exists(outside)); // a damaged file name never leads outside the folder
        Assert.Equal(ModelZoo.BorjiMnist, _registry.Open().Load("bystander").Architecture);
    }

    [Fact]
    public void A_damaged_built_in_file_is_left_out_and_the_rest_works()
    {
        var builtIn = Path.Combine(_registry.BuiltIns, "broken.safetensors");
        ModelFile.Save(ModelZoo.Create(ModelZoo.LeNetLike, seed: 4), builtIn);
        var bytes = File.ReadAllBytes(builtIn);
        File.WriteAllBytes(builtIn, bytes[..40]); // the header cut short
        var registry = AssertOthersUnaffected();
        Assert.DoesNotContain(registry.List(), m => m.Name == "broken");
        Assert.Contains("no model called 'broken'", Assert.Throws<RegistryException>(() => registry.Load("broken")).Message);
    }
}
