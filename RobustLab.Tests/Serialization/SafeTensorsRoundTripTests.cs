// Write → read round trips of SafeTensors, the writer's byte layout checked against the format, and the
// reader's conversions of the float dtypes PyTorch may save (F64, F16, BF16) and its I64 skipping rule.
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using RobustLab.Engine.Serialization;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Serialization;

public sealed class SafeTensorsRoundTripTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Dictionary<string, Tensor> Sample()
    {
        var rng = new Random(3);
        var conv = new Tensor(4, 3, 3, 3);
        for (int i = 0; i < conv.Length; i++) conv[i] = (float)(rng.NextDouble() * 2 - 1);
        return new Dictionary<string, Tensor>
        {
            ["fc1.weight"] = new Tensor([1.5f, -2f, -0f, float.Epsilon, float.MaxValue, float.MinValue], 2, 3),
            ["conv1.weight"] = conv,
            ["scalar"] = new Tensor([3.25f]),
            ["empty"] = new Tensor(0, 3),
            ["Zeta"] = new Tensor([7f], 1),
        };
    }

    private static readonly Dictionary<string, string> SampleMetadata = new()
    {
        ["architecture"] = "lenet-like",
        ["format"] = "pt",
        ["note"] = "ünïcode \"quoted\" <tag> + ok",
        ["empty"] = "",
    };

    private static void AssertSameTensors(IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, Tensor> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, t) in expected)
        {
            Assert.Equal(t.Shape, actual[name].Shape);
            // Bitwise, so −0 and subnormals must survive too.
            Assert.Equal(t.Data.Select(BitConverter.SingleToInt32Bits), actual[name].Data.Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void WriteThenReadGivesIdenticalTensorsShapesAndMetadata()
    {
        string path = _dir.File("sample.safetensors");
        SafeTensors.Write(path, Sample(), SampleMetadata);
        var file = SafeTensors.Read(path);
        AssertSameTensors(Sample(), file.Tensors);
        Assert.Equal(SampleMetadata.OrderBy(p => p.Key), file.Metadata.OrderBy(p => p.Key));
        Assert.Empty(file.Skipped);
        Assert.Equal(SampleMetadata.OrderBy(p => p.Key), SafeTensors.ReadMetadata(path).OrderBy(p => p.Key));
        Assert.Equal(["sample.safetensors"], _dir.Files());
    }

    [Fact]
    public void StreamWriterProducesTheSameBytesAsTheFileWriterAndReadsBackWithoutSeeking()
    {
        string path = _dir.File("sample.safetensors");
        SafeTensors.Write(path, Sample(), SampleMetadata);
        using var memory = new MemoryStream();
        SafeTensors.Write(memory, Sample(), SampleMetadata);
        Assert.Equal(File.ReadAllBytes(path), memory.ToArray());

        using var pipe = new NonSeekableStream(new MemoryStream(memory.ToArray()));
        var file = SafeTensors.Read(pipe, "pipe");
        AssertSameTensors(Sample(), file.Tensors);
        Assert.Equal(SampleMetadata.OrderBy(p => p.Key), file.Metadata.OrderBy(p => p.Key));
    }

    [Fact]
    public void WrittenFileFollowsTheSpec()
    {
        string path = _dir.File("sample.safetensors");
        SafeTensors.Write(path, Sample(), SampleMetadata);
        byte[] bytes = File.ReadAllBytes(path);

        // 8-byte little-endian header length, header padded with spaces to a multiple of 8.
        long n = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, n % 8);
        Assert.True(8 + n <= bytes.Length);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)n);
        Assert.EndsWith("}", header.TrimEnd(' '));
        Assert.True(n - header.TrimEnd(' ').Length < 8, "padding is shorter than 8 bytes");

        // A JSON object: __metadata__ (strings) first, then the tensors sorted by name (ordinal), all F32.
        using var json = JsonDocument.Parse(header);
        var properties = json.RootElement.EnumerateObject().ToList();
        Assert.Equal("__metadata__", properties[0].Name);
        Assert.All(properties[0].Value.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        var names = properties.Skip(1).Select(p => p.Name).ToList();
        Assert.Equal(Sample().Keys.Order(StringComparer.Ordinal), names);

        // Offsets tile the buffer contiguously from 0 to its end, each span = product(shape)·4 bytes.
        long expected = 0;
        foreach (var p in properties.Skip(1))
        {
            Assert.Equal("F32", p.Value.GetProperty("dtype").GetString());
            var shape = p.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
            Assert.Equal(Sample()[p.Name].Shape, shape);
            var offsets = p.Value.GetProperty("data_offsets").EnumerateArray().Select(o => o.GetInt64()).ToArray();
            Assert.Equal(2, offsets.Length);
            Assert.Equal(expected, offsets[0]);
            Assert.Equal(4L * shape.Aggregate(1L, (a, d) => a * d), offsets[1] - offsets[0]);
            expected = offsets[1];
        }
        Assert.Equal(bytes.Length - 8 - n, expected);

        // The raw data is little-endian F32 at those offsets.
        var fc1 = properties.Single(p => p.Name == "fc1.weight").Value.GetProperty("data_offsets")[0].GetInt64();
        Assert.Equal(-2f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)(8 + n + fc1 + 4))));
    }

    [Fact]
    public void NoTensorsAndNoMetadataGiveAnEmptyObjectHeader()
    {
        string path = _dir.File("empty.safetensors");
        SafeTensors.Write(path, new Dictionary<string, Tensor>());
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(16, bytes.Length);
        Assert.Equal("{}      ", Encoding.UTF8.GetString(bytes, 8, 8));
        var file = SafeTensors.Read(path);
        Assert.Empty(file.Tensors);
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void OverwritingWithASmallerFileLeavesNoStaleBytes()
    {
        string path = _dir.File("model.safetensors");
        SafeTensors.Write(path, new Dictionary<string, Tensor> { ["big"] = new Tensor(10_000) });
        var small = new Dictionary<string, Tensor> { ["small"] = new Tensor([1f, 2f], 2) };
        SafeTensors.Write(path, small);
        AssertSameTensors(small, SafeTensors.Read(path).Tensors);
        Assert.Equal(["model.safetensors"], _dir.Files());
    }

    [Fact]
    public void LargeTensorsSpanningSeveralReadChunksRoundTrip()
    {
        var big = new Tensor(3, 1000, 1000);
        for (int i = 0; i < big.Length; i++) big[i] = i * 1e-3f - 7f;
        var tensors = new Dictionary<string, Tensor> { ["big"] = big, ["tail"] = new Tensor([5f], 1) };
        string path = _dir.File("big.safetensors");
        SafeTensors.Write(path, tensors);
        AssertSameTensors(tensors, SafeTensors.Read(path).Tensors);
        using var pipe = new NonSeekableStream(File.OpenRead(path));
        AssertSameTensors(tensors, SafeTensors.Read(pipe, path).Tensors);
    }

    [Fact]
    public void F64F16AndBF16AreConvertedToFloat32()
    {
        byte[] data = [.. RawSafeTensors.F64(0.1, -2.5, 1e-3), .. RawSafeTensors.F16(0.5f, -65504f), .. RawSafeTensors.BF16(1.5f, -3.0e10f)];
        var bytes = RawSafeTensors.Build(
            "{'d':{'dtype':'F64','shape':[3],'data_offsets':[0,24]},'h':{'dtype':'F16','shape':[2,1],'data_offsets':[24,28]},"
            + "'b':{'dtype':'BF16','shape':[2],'data_offsets':[28,32]}}", data);
        var file = SafeTensors.Read(new MemoryStream(bytes), "mixed");
        Assert.Equal([0.1f, -2.5f, 1e-3f], file.Tensors["d"].Data);
        Assert.Equal([0.5f, -65504f], file.Tensors["h"].Data);
        Assert.Equal([2, 1], file.Tensors["h"].Shape);
        float bf = BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(-3.0e10f) & 0xFFFF0000);
        Assert.Equal([1.5f, bf], file.Tensors["b"].Data);
    }

    [Fact]
    public void I64NumBatchesTrackedIsValidatedAndSkipped()
    {
        byte[] data = [.. RawSafeTensors.F32(1f, 2f), .. RawSafeTensors.I64(12345)];
        var bytes = RawSafeTensors.Build(
            "{'bn1.running_mean':{'dtype':'F32','shape':[2],'data_offsets':[0,8]},"
            + "'bn1.num_batches_tracked':{'dtype':'I64','shape':[],'data_offsets':[8,16]}}", data);
        var file = SafeTensors.Read(new MemoryStream(bytes), "bn");
        Assert.Equal(["bn1.running_mean"], file.Tensors.Keys);
        Assert.Equal(["bn1.num_batches_tracked"], file.Skipped);
    }
}
