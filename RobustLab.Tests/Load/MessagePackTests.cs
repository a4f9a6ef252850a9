using RobustLab.Load.SignalR;

namespace RobustLab.Tests.Load;

// The MessagePack subset of the load test's SignalR client, against the encodings the spec prescribes
// (https://github.com/msgpack/msgpack/blob/master/spec.md): shortest form for every value, big-endian payloads.
public sealed class MessagePackTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(127L, "7f")]
    [InlineData(128L, "cc80")]
    [InlineData(255L, "ccff")]
    [InlineData(256L, "cd0100")]
    [InlineData(65536L, "ce00010000")]
    [InlineData(4294967296L, "cf0000000100000000")]
    [InlineData(-1L, "ff")]
    [InlineData(-32L, "e0")]
    [InlineData(-33L, "d0df")]
    [InlineData(-129L, "d1ff7f")]
    [InlineData(-32769L, "d2ffff7fff")]
    [InlineData(long.MinValue, "d38000000000000000")]
    public void Integers_use_the_shortest_encoding_and_read_back(long value, string hex)
    {
        var w = new MessagePackWriter();
        w.Write(value);
        Assert.Equal(hex, Convert.ToHexStringLower(w.ToArray()));
        Assert.Equal(value, Read(Convert.FromHexString(hex)));
    }

    [Theory]
    [InlineData(0, "a0")]
    [InlineData(31, "bf")]
    [InlineData(32, "d920")]
    [InlineData(256, "da0100")]
    [InlineData(70000, "db00011170")]
    public void Strings_carry_their_utf8_length(int length, string headerHex)
    {
        string text = new('x', length);
        var w = new MessagePackWriter();
        w.Write(text);
        var bytes = w.ToArray();
        Assert.Equal(headerHex, Convert.ToHexStringLower(bytes.AsSpan(0, headerHex.Length / 2)));
        Assert.Equal(text, Read(bytes));
    }

    [Fact]
    public void Non_ascii_strings_count_bytes_not_chars()
    {
        var w = new MessagePackWriter();
        w.Write("ε=0.3");
        Assert.Equal("a6ceb53d302e33", Convert.ToHexStringLower(w.ToArray()));
        Assert.Equal("ε=0.3", Read(w.ToArray()));
    }

    [Fact]
    public void Nil_booleans_doubles_binary_arrays_and_maps_read_back()
    {
        var w = new MessagePackWriter();
        w.WriteValue(new object?[] { null, true, false, 0.5, new byte[] { 1, 2, 3 }, new object?[] { "a", 1L } });
        Assert.Equal("96c0c3c2cb3fe0000000000000c403010203 92a16101".Replace(" ", ""), Convert.ToHexStringLower(w.ToArray()));
        var items = Assert.IsType<object?[]>(Read(w.ToArray()));
        Assert.Null(items[0]);
        Assert.Equal(true, items[1]);
        Assert.Equal(false, items[2]);
        Assert.Equal(0.5, items[3]);
        Assert.Equal(new byte[] { 1, 2, 3 }, items[4]);
        Assert.Equal(new object?[] { "a", 1L }, items[5]);

        // A map {"a": 1} and a float32 1.5, which the writer never produces but a server may.
        var map = Assert.IsType<Dictionary<object, object?>>(Read(Convert.FromHexString("81a16101")));
        Assert.Equal(1L, map["a"]);
        Assert.Equal(1.5, Read(Convert.FromHexString("ca3fc00000")));
    }

    [Fact]
    public void Large_binary_uses_bin16_and_bin32()
    {
        foreach (var (length, code) in new[] { (300, 0xc5), (70000, 0xc6) })
        {
            var data = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
            var w = new MessagePackWriter();
            w.Write(data);
            Assert.Equal(code, w.ToArray()[0]);
            Assert.Equal(data, Read(w.ToArray()));
        }
    }

    [Theory]
    [InlineData("")]           // nothing at all
    [InlineData("cd01")]       // uint16 missing a byte
    [InlineData("a5616263")]   // a 5-byte string with 3 bytes
    [InlineData("dd7fffffff")] // an array claiming 2^31 elements: refused before allocating
    [InlineData("c1")]         // 0xc1 is never used
    public void Malformed_input_is_refused_with_a_message(string hex)
    {
        var e = Assert.Throws<InvalidDataException>(() => Read(Convert.FromHexString(hex)));
        Assert.StartsWith("MessagePack:", e.Message);
    }

    private static object? Read(byte[] bytes) => new MessagePackReader(bytes).ReadValue();
}
