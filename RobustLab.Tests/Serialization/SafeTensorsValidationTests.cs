// Every malformed safetensors case the reader must reject: each test asserts InvalidDataException, that the
// message starts with the file's path, and that it names the problem (and the offending tensor or key).
using RobustLab.Engine.Serialization;
using static RobustLab.Tests.Serialization.RawSafeTensors;

namespace RobustLab.Tests.Serialization;

public sealed class SafeTensorsValidationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // Writes the bytes to a file, reads it, and returns the error message after checking it names the file.
    private string ReadError(byte[] content)
    {
        string path = _dir.File("bad.safetensors");
        File.WriteAllBytes(path, content);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));
        Assert.StartsWith(path + ": ", e.Message);
        return e.Message;
    }

    private static void AssertMentions(string message, params string[] fragments)
    {
        foreach (var f in fragments) Assert.Contains(f, message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    public void FileShorterThan8BytesIsRejected(int length) =>
        AssertMentions(ReadError(new byte[length]), $"has {length} bytes", "8-byte header length");

    [Fact]
    public void HeaderLengthLargerThanTheFileIsRejected() =>
        AssertMentions(ReadError(Build("{}      ", [], headerLength: 1000)), "header length 1000", "larger than the 8 bytes");

    [Fact]
    public void AbsurdHeaderLengthIsRejected() =>
        AssertMentions(ReadError(Build("{}      ", [], headerLength: 1UL << 40)), "header length 1099511627776", "100000000-byte limit");

    [Fact]
    public void HeaderThatIsNotUtf8IsRejected() =>
        AssertMentions(ReadError(Build([(byte)'{', 0xFF, 0xFE, (byte)'}'], [])), "not valid UTF-8");

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{'a':", "not valid JSON")]
    [InlineData("{'a':{'dtype':'F32',}}", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object", "Array")]
    [InlineData("'text'", "must be a JSON object", "String")]
    public void HeaderThatIsNotAJsonObjectIsRejected(string header, params string[] fragments) =>
        AssertMentions(ReadError(Build(header, [])), fragments);

    [Theory]
    [InlineData("{'w':{'shape':[2],'data_offsets':[0,8]}}", "tensor 'w'", "no dtype")]
    [InlineData("{'w':{'dtype':'F32','data_offsets':[0,8]}}", "tensor 'w'", "no shape")]
    [InlineData("{'w':{'dtype':'F32','shape':[2]}}", "tensor 'w'", "no data_offsets")]
    [InlineData("{'w':[1]}", "tensor 'w'", "entry must be an object")]
    public void EntryMissingAFieldIsRejected(string header, params string[] fragments) =>
        AssertMentions(ReadError(Build(header, F32(1, 2))), fragments);

    [Theory]
    [InlineData("{'w':{'dtype':'F33','shape':[2],'data_offsets':[0,8]}}", "tensor 'w'", "unknown dtype 'F33'")]
    [InlineData("{'w':{'dtype':'f32','shape':[2],'data_offsets':[0,8]}}", "tensor 'w'", "unknown dtype 'f32'")]
    [InlineData("{'w':{'dtype':4,'shape':[2],'data_offsets':[0,8]}}", "tensor 'w'", "dtype must be a string")]
    public void UnknownDtypeIsRejected(string header, params string[] fragments) =>
        AssertMentions(ReadError(Build(header, F32(1, 2))), fragments);

    [Theory]
    [InlineData("{'w':{'dtype':'I32','shape':[2],'data_offsets':[0,8]}}", "tensor 'w'", "dtype I32")]
    [InlineData("{'w':{'dtype':'U8','shape':[8],'data_offsets':[0,8]}}", "tensor 'w'", "dtype U8")]
    [InlineData("{'fc1.weight':{'dtype':'I64','shape':[1],'data_offsets':[0,8]}}", "tensor 'fc1.weight'", "dtype I64", "num_batches_tracked")]
    public void DtypesRobustLabCannotUseAreRejected(string header, params string[] fragments) =>
        AssertMentions(ReadError(Build(header, F32(1, 2))), fragments);

    [Theory]
    [InlineData("{'w':{'dtype':'F32','shape':[-2],'data_offsets':[0,8]}}", "tensor 'w'", "negative dimension -2")]
    [InlineData("{'w':{'dtype':'F32','shape':[2.5],'data_offsets':[0,8]}}", "tensor 'w'", "2.5", "not an integer")]
    [InlineData("{'w':{'dtype':'F32','shape':['2'],'data_offsets':[0,8]}}", "tensor 'w'", "not an integer")]
    [InlineData("{'w':{'dtype':'F32','shape':2,'data_offsets':[0,8]}}", "tensor 'w'", "shape must be a list of non-negative integers")]
    [InlineData("{'w':{'dtype':'F32','shape':[100000,100000],'data_offsets':[0,8]}}", "tensor 'w'", "too large")]
    public void BadShapeIsRejected(string header, params string[] fragments) =>
        AssertMentions(ReadError(Build(header, F32(1, 2))), fragments);

    [Theory]
    [InlineData("[0]")]
    [InlineData("[0,8,16]")]
    [InlineData("[0,'8']")]
    [InlineData("[0,8.5]")]
    [InlineData("[-8,0]")]
    [InlineData("{'begin':0}")]
    public void DataOffsetsThatAreNotTwoIntegersAreRejected(string offsets) =>
        AssertMentions(ReadError(Build($"{{'w':{{'dtype':'F32','shape':[2],'data_offsets':{offsets}}}}}", F32(1, 2))),
            "tensor 'w'", "data_offsets must be two non-negative integers");

    [Fact]
    public void DataOffsetsWithBeginAfterEndAreRejected() =>
        AssertMentions(ReadError(Build("{'w':{'dtype':'F32','shape':[2],'data_offsets':[8,0]}}", F32(1, 2))),
            "tensor 'w'", "[8, 0]", "begin > end");

    [Fact]
    public void ByteSizeThatDoesNotMatchTheShapeIsRejected() =>
        AssertMentions(ReadError(Build("{'w':{'dtype':'F32','shape':[2],'data_offsets':[0,12]}}", F32(1, 2, 3))),
            "tensor 'w'", "span 12 bytes", "needs 8 bytes");

    [Fact]
    public void OverlappingTensorsAreRejected() =>
        AssertMentions(ReadError(Build("{'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8]},'b':{'dtype':'F32','shape':[2],'data_offsets':[4,12]}}", F32(1, 2, 3))),
            "tensor 'b'", "overlaps tensor 'a'");

    [Fact]
    public void AliasedTensorsAreRejectedAsOverlapping() =>
        AssertMentions(ReadError(Build("{'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8]},'b':{'dtype':'F32','shape':[2],'data_offsets':[0,8]}}", F32(1, 2))),
            "overlaps tensor");

    [Fact]
    public void HoleBetweenTensorsIsRejected() =>
        AssertMentions(ReadError(Build("{'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8]},'b':{'dtype':'F32','shape':[2],'data_offsets':[12,20]}}", F32(1, 2, 3, 4, 5))),
            "hole", "bytes [8, 12)", "tensor 'b'");

    [Fact]
    public void DataThatDoesNotStartAtZeroIsAHole() =>
        AssertMentions(ReadError(Build("{'a':{'dtype':'F32','shape':[2],'data_offsets':[4,12]}}", F32(1, 2, 3))),
            "hole", "bytes [0, 4)", "tensor 'a'");

    [Fact]
    public void TrailingBytesAfterTheLastTensorAreRejected() =>
        AssertMentions(ReadError(Build("{'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8]}}", F32(1, 2, 3))),
            "4 trailing bytes");

    [Fact]
    public void TensorEndingBeyondTheBufferIsRejectedAsTruncated() =>
        AssertMentions(ReadError(Build("{'a':{'dtype':'F32','shape':[1],'data_offsets':[0,4]},'b':{'dtype':'F32','shape':[2],'data_offsets':[4,12]}}", F32(1, 2))),
            "truncated", "tensor 'b'", "ends at byte 12", "only 8 bytes");

    [Fact]
    public void TruncationAndTrailingBytesAreCaughtOnNonSeekableStreams()
    {
        var truncated = Build("{'a':{'dtype':'F32','shape':[1],'data_offsets':[0,4]},'b':{'dtype':'F32','shape':[2],'data_offsets':[4,12]}}", F32(1, 2));
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(new NonSeekableStream(new MemoryStream(truncated)), "pipe.safetensors"));
        AssertMentions(e.Message, "pipe.safetensors: ", "truncated", "tensor 'b'");

        var trailing = Build("{'a':{'dtype':'F32','shape':[1],'data_offsets':[0,4]}}", F32(1, 2));
        e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(new NonSeekableStream(new MemoryStream(trailing)), "pipe.safetensors"));
        AssertMentions(e.Message, "pipe.safetensors: ", "trailing bytes");
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void NonFiniteValuesAreRejectedNamingTheTensor(float value, string shown) =>
        AssertMentions(ReadError(Build("{'fc1.bias':{'dtype':'F32','shape':[3],'data_offsets':[0,12]}}", F32(1, value, 2))),
            "tensor 'fc1.bias'", $"contains {shown} at element 1", "finite");

    [Fact]
    public void F64ValuesOutsideFloat32RangeAreRejected() =>
        AssertMentions(ReadError(Build("{'w':{'dtype':'F64','shape':[2],'data_offsets':[0,16]}}", F64(1, 1e300))),
            "tensor 'w'", "after conversion from F64 to float32");

    [Fact]
    public void DuplicateTensorKeysAreRejected() =>
        AssertMentions(ReadError(Build("{'a':{'dtype':'F32','shape':[1],'data_offsets':[0,4]},'a':{'dtype':'F32','shape':[1],'data_offsets':[4,8]}}", F32(1, 2))),
            "key 'a' twice");

    [Theory]
    [InlineData("{'__metadata__':{'k':'v'},'__metadata__':{'k':'v'}}", "key '__metadata__' twice")]
    [InlineData("{'__metadata__':{'k':'v','k':'w'}}", "__metadata__ has the key 'k' twice")]
    [InlineData("{'__metadata__':['k']}", "__metadata__ must be an object of strings")]
    [InlineData("{'__metadata__':{'epochs':10}}", "__metadata__ value of 'epochs' must be a string", "Number")]
    public void BadMetadataIsRejected(string header, params string[] fragments) =>
        AssertMentions(ReadError(Build(header, [])), fragments);

    [Fact]
    public void ReadMetadataValidatesTheHeaderAndNamesTheFile()
    {
        string path = _dir.File("meta.safetensors");
        File.WriteAllBytes(path, Build("{'__metadata__':{'k':1}}", []));
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.ReadMetadata(path));
        AssertMentions(e.Message, path + ": ", "must be a string");
    }
}
