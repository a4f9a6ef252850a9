// The writer never leaves a target half-written: a write that fails part-way (a NaN found while streaming
// the data) or before starting (a reserved name) leaves the old file byte-identical and no temp file behind.
using RobustLab.Engine.Serialization;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Serialization;

public sealed class SafeTensorsAtomicWriteTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly Dictionary<string, Tensor> Old = new() { ["w"] = new Tensor([1f, 2f, 3f], 3) };

    // "a" is large and sorts first, so it is streamed out before the bad tensor "z" is reached.
    private static Dictionary<string, Tensor> FailingPartWay(float bad)
    {
        var a = new Tensor(600_000);
        for (int i = 0; i < a.Length; i++) a[i] = i;
        return new() { ["a"] = a, ["z"] = new Tensor([1f, bad], 2) };
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void FailurePartWayThroughLeavesTheOldFileIntactAndNoTempFile(float bad, string shown)
    {
        string path = _dir.File("model.safetensors");
        SafeTensors.Write(path, Old, new Dictionary<string, string> { ["version"] = "1" });
        byte[] before = File.ReadAllBytes(path);

        // The failure really happens mid-write: on a stream, the header and all of "a" are out before it throws.
        using var memory = new MemoryStream();
        Assert.Throws<ArgumentException>(() => SafeTensors.Write(memory, FailingPartWay(bad)));
        Assert.True(memory.Length > 4 * 600_000, $"only {memory.Length} bytes were written before the failure");

        var e = Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, FailingPartWay(bad), new Dictionary<string, string> { ["version"] = "2" }));
        Assert.Contains($"Tensor 'z' contains {shown} at element 1", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        var file = SafeTensors.Read(path);
        Assert.Equal([1f, 2f, 3f], file.Tensors["w"].Data);
        Assert.Equal("1", file.Metadata["version"]);
        Assert.Equal(["model.safetensors"], _dir.Files());
    }

    [Fact]
    public void FailedFirstWriteCreatesNoFileAtAll()
    {
        string path = _dir.File("new.safetensors");
        Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, FailingPartWay(float.NaN)));
        Assert.Empty(_dir.Files());
    }

    [Theory]
    [InlineData("__metadata__")]
    [InlineData("")]
    public void ReservedOrEmptyTensorNameIsRejectedBeforeTouchingTheDisk(string name)
    {
        string path = _dir.File("model.safetensors");
        SafeTensors.Write(path, Old);
        byte[] before = File.ReadAllBytes(path);
        var e = Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, new Dictionary<string, Tensor> { [name] = new Tensor(1) }));
        Assert.Contains($"'{name}' cannot name a tensor", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.safetensors"], _dir.Files());
    }

    [Fact]
    public void WritingIntoAMissingDirectoryFailsCleanly()
    {
        string path = Path.Combine(_dir.Root, "missing", "model.safetensors");
        Assert.Throws<DirectoryNotFoundException>(() => SafeTensors.Write(path, Old));
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Root));
    }
}
