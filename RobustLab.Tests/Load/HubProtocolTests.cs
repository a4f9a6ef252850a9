using RobustLab.Load.SignalR;

namespace RobustLab.Tests.Load;

// SignalR's binary framing (varint length prefix) and the MessagePack hub messages, as the hub protocol spec gives them.
public sealed class HubProtocolTests
{
    [Theory]
    [InlineData(0, "00")]
    [InlineData(127, "7f")]
    [InlineData(128, "8001")]
    [InlineData(16383, "ff7f")]
    [InlineData(16384, "808001")]
    public void Length_prefix_is_a_little_endian_varint(int length, string prefixHex)
    {
        var framed = BinaryFraming.Frame(new byte[length]);
        Assert.Equal(prefixHex, Convert.ToHexStringLower(framed.AsSpan(0, prefixHex.Length / 2)));
        ReadOnlyMemory<byte> buffer = framed;
        Assert.True(BinaryFraming.TryTake(ref buffer, out var message));
        Assert.Equal(length, message.Length);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Messages_split_across_reads_are_taken_only_when_complete()
    {
        var two = BinaryFraming.Frame(new byte[200]).Concat(BinaryFraming.Frame([7])).ToArray();
        ReadOnlyMemory<byte> partial = two.AsMemory(0, 1); // half of the first prefix
        Assert.False(BinaryFraming.TryTake(ref partial, out _));
        partial = two.AsMemory(0, 150);
        Assert.False(BinaryFraming.TryTake(ref partial, out _));
        Assert.Equal(150, partial.Length); // nothing consumed

        ReadOnlyMemory<byte> all = two;
        Assert.True(BinaryFraming.TryTake(ref all, out var first));
        Assert.True(BinaryFraming.TryTake(ref all, out var second));
        Assert.Equal(200, first.Length);
        Assert.Equal(new byte[] { 7 }, second.ToArray());
        Assert.False(BinaryFraming.TryTake(ref all, out _));
    }

    [Fact]
    public void A_prefix_longer_than_five_bytes_is_refused()
    {
        ReadOnlyMemory<byte> bad = Convert.FromHexString("ffffffffff01");
        Assert.Throws<InvalidDataException>(() => BinaryFraming.TryTake(ref bad, out _));
    }

    [Fact]
    public void Invocation_is_the_specs_six_element_array()
    {
        // [1, {}, "xyz", "method", [42, "test"], []] — the spec's example with an empty stream id list.
        var framed = HubMessageCodec.Encode(new InvocationMessage("xyz", "method", [42L, "test"]));
        Assert.Equal("16" + "960180a378797aa66d6574686f6492" + "2aa474657374" + "90", Convert.ToHexStringLower(framed));
    }

    [Fact]
    public void Server_messages_decode()
    {
        // Completion with a result: [3, {}, "1", 3, "circuit-secret"]
        var completion = Assert.IsType<CompletionMessage>(HubMessageCodec.Decode(Convert.FromHexString("950380a13103ae636972637569742d736563726574")));
        Assert.Equal(("1", null, true, (object?)"circuit-secret"), (completion.InvocationId, completion.Error, completion.HasResult, completion.Result));

        // Completion with an error: [3, {}, "2", 1, "boom"]
        var error = Assert.IsType<CompletionMessage>(HubMessageCodec.Decode(Convert.FromHexString("950380a13201a4626f6f6d")));
        Assert.Equal("boom", error.Error);

        // Invocation without id: [1, {}, nil, "JS.RenderBatch", [2, bin(3)]] (the server writes no stream ids)
        var invocation = Assert.IsType<InvocationMessage>(HubMessageCodec.Decode(Convert.FromHexString("950180c0ae4a532e52656e6465724261746368" + "9202c403010203")));
        Assert.Null(invocation.InvocationId);
        Assert.Equal("JS.RenderBatch", invocation.Target);
        Assert.Equal(2L, invocation.Arguments[0]);
        Assert.Equal(new byte[] { 1, 2, 3 }, invocation.Arguments[1]);

        Assert.IsType<PingMessage>(HubMessageCodec.Decode([0x91, 0x06]));
        var close = Assert.IsType<CloseMessage>(HubMessageCodec.Decode(Convert.FromHexString("9307a3626164c3")));
        Assert.Equal(("bad", true), (close.Error, close.AllowReconnect));
    }

    [Fact]
    public void Encoded_messages_decode_to_themselves()
    {
        foreach (var message in new HubMessage[]
        {
            new InvocationMessage(null, "OnRenderCompleted", [5L, null]),
            new CompletionMessage("9", null, true, "done"),
            new CompletionMessage("9", "failed", false, null),
            new PingMessage(),
        })
        {
            ReadOnlyMemory<byte> framed = HubMessageCodec.Encode(message);
            Assert.True(BinaryFraming.TryTake(ref framed, out var body));
            var decoded = HubMessageCodec.Decode(body.Span);
            Assert.Equal(message.GetType(), decoded.GetType());
            if (message is InvocationMessage i) Assert.Equal(i.Arguments, ((InvocationMessage)decoded).Arguments);
            else if (message is not PingMessage) Assert.Equal(message, decoded);
        }
    }

    [Fact]
    public void A_message_that_is_not_an_array_with_a_type_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => HubMessageCodec.Decode([0x01]));
        Assert.Throws<InvalidDataException>(() => HubMessageCodec.Decode([0x90]));
        Assert.Throws<InvalidDataException>(() => HubMessageCodec.Decode(Convert.FromHexString("9301800c"))); // invocation missing its target
    }
}
