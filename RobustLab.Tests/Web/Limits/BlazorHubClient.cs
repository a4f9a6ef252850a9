using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;

namespace RobustLab.Tests.Web.Limits;

/// <summary>
/// A bare client of Blazor's hub (/_blazor) speaking its real protocol: SignalR over a WebSocket with the "blazorpack"
/// hub protocol (MessagePack messages, each after a VarInt length). Just enough to call hub methods the way
/// blazor.web.js does and read what the server answers, so tests can act as a client that skips the page.
/// </summary>
/// <remarks>Messages: invocation [1, headers, id, target, args, streams]; completion [3, headers, id, kind, result] with
/// kind 1 = error, 2 = no result, 3 = result; ping [6]; close [7, error, allowReconnect].</remarks>
internal sealed class BlazorHubClient(WebSocket socket) : IAsyncDisposable
{
    // NOTE: long, because the reader returns every integer as a long (a boxed int would not match in a pattern).
    public const long Invocation = 1, Completion = 3, Ping = 6, Close = 7;

    private readonly List<byte> _received = [];
    private int _nextId;
    private bool _handshakeDone;

    /// <summary>Every message the server sent so far, each as its MessagePack array.</summary>
    public List<object?[]> Messages { get; } = [];

    /// <summary>True once the server closed the connection.</summary>
    public bool Closed { get; private set; }

    /// <summary>Sends the handshake for "blazorpack" version 1 and checks the server's empty answer.</summary>
    public async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"blazorpack\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, cancellationToken);
        while (_received.IndexOf(0x1e) < 0)
            if (!await ReceiveFrameAsync(cancellationToken)) throw new InvalidOperationException("The hub closed the connection during the handshake.");
        int end = _received.IndexOf(0x1e);
        string answer = Encoding.UTF8.GetString([.. _received.Take(end)]);
        _received.RemoveRange(0, end + 1);
        if (answer != "{}") throw new InvalidOperationException($"The hub refused the handshake: {answer}");
        _handshakeDone = true;
        ParseMessages();
    }

    /// <summary>Invokes <paramref name="target"/> with string arguments and waits for its completion (or the connection's end).</summary>
    /// <returns>The completion message, or null when the server closed the connection without one.</returns>
    public async Task<object?[]?> InvokeAsync(string target, IReadOnlyList<string?> arguments, CancellationToken cancellationToken)
    {
        string id = (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = new MessagePackWriter();
        body.ArrayHeader(6).Int((int)Invocation).MapHeader(0).String(id).String(target).ArrayHeader(arguments.Count);
        foreach (var a in arguments) body.String(a);
        body.ArrayHeader(0);
        await SendAsync(body.ToArray(), cancellationToken);
        while (true)
        {
            if (Messages.FirstOrDefault(m => m is [Completion, _, string mid, ..] && mid == id) is { } done) return done;
            if (!await ReceiveFrameAsync(cancellationToken)) return null;
        }
    }

    /// <summary>Sends one message of <paramref name="payload"/> bytes (whatever they are), length-prefixed.</summary>
    public async Task SendAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var framed = new List<byte>();
        for (uint n = (uint)payload.Length; ; n >>= 7)
        {
            framed.Add((byte)((n & 0x7fu) | (n >= 0x80 ? 0x80u : 0u)));
            if (n < 0x80) break;
        }
        framed.AddRange(payload);
        await socket.SendAsync(framed.ToArray(), WebSocketMessageType.Binary, true, cancellationToken);
    }

    /// <summary>Reads one more frame from the server (its messages join <see cref="Messages"/>); false when the connection ended.</summary>
    public Task<bool> ReceiveAsync(CancellationToken cancellationToken) => ReceiveFrameAsync(cancellationToken);

    /// <summary>Reads until the server closes the connection or <paramref name="cancellationToken"/> fires; true when it closed.</summary>
    public async Task<bool> WaitForCloseAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await ReceiveFrameAsync(cancellationToken)) { }
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>True once the server invoked <paramref name="target"/> on this client.</summary>
    public bool Invoked(string target) => Messages.Any(m => m is [Invocation, _, _, string t, ..] && t == target);

    /// <summary>The string arguments of the server's invocations of <paramref name="target"/> ("JS.Error", …).</summary>
    public IEnumerable<string> Calls(string target) => Messages
        .Where(m => m is [Invocation, _, _, string t, object?[], ..] && t == target)
        .SelectMany(m => ((object?[])m[4]!).OfType<string>());

    // Reads one WebSocket frame, parses every whole message it completes; false when the connection ended.
    private async Task<bool> ReceiveFrameAsync(CancellationToken cancellationToken)
    {
        if (Closed) return false;
        var buffer = new byte[64 * 1024];
        WebSocketReceiveResult result;
        try
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
        }
        catch (WebSocketException)
        {
            Closed = true;
            return false;
        }
        if (result.MessageType == WebSocketMessageType.Close)
        {
            Closed = true;
            return false;
        }
        _received.AddRange(buffer.AsSpan(0, result.Count).ToArray());
        if (_handshakeDone) ParseMessages(); // during the handshake the caller looks for its JSON answer
        return true;
    }

    private void ParseMessages()
    {
        while (true)
        {
            int length = 0, shift = 0, i = 0;
            for (; ; i++)
            {
                if (i >= _received.Count) return;
                length |= (_received[i] & 0x7f) << shift;
                shift += 7;
                if ((_received[i] & 0x80) == 0) break;
            }
            if (_received.Count < i + 1 + length) return;
            var message = _received.GetRange(i + 1, length).ToArray();
            _received.RemoveRange(0, i + 1 + length);
            var reader = new MessagePackReader(message);
            if (reader.Read() is object?[] array) Messages.Add(array);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", limit.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // The server is gone already.
            }
        }
        socket.Dispose();
    }
}

/// <summary>The few MessagePack encodings a hub invocation needs: arrays, an empty map, small integers, strings, nil.</summary>
internal sealed class MessagePackWriter
{
    private readonly List<byte> _bytes = [];

    public MessagePackWriter ArrayHeader(int n)
    {
        if (n < 16) _bytes.Add((byte)(0x90 | n));
        else Add(0xdc, (ushort)n);
        return this;
    }

    public MessagePackWriter MapHeader(int n)
    {
        _bytes.Add((byte)(0x80 | n));
        return this;
    }

    public MessagePackWriter Int(int value)
    {
        if (value is < 0 or > 127) throw new ArgumentOutOfRangeException(nameof(value), "Only positive fixints are needed here.");
        _bytes.Add((byte)value);
        return this;
    }

    public MessagePackWriter String(string? value)
    {
        if (value is null)
        {
            _bytes.Add(0xc0);
            return this;
        }
        var utf8 = Encoding.UTF8.GetBytes(value);
        if (utf8.Length < 32) _bytes.Add((byte)(0xa0 | utf8.Length));
        else if (utf8.Length <= byte.MaxValue) _bytes.AddRange([0xd9, (byte)utf8.Length]);
        else if (utf8.Length <= ushort.MaxValue) Add(0xda, (ushort)utf8.Length);
        else
        {
            _bytes.Add(0xdb);
            var n = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(n, (uint)utf8.Length);
            _bytes.AddRange(n);
        }
        _bytes.AddRange(utf8);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    private void Add(byte code, ushort n)
    {
        _bytes.Add(code);
        _bytes.Add((byte)(n >> 8));
        _bytes.Add((byte)n);
    }
}

/// <summary>Reads one MessagePack value: nil, booleans, integers, floats, strings, binaries (byte[]), arrays (object?[]) and maps.</summary>
internal ref struct MessagePackReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _at;

    public object? Read()
    {
        byte code = _data[_at++];
        return code switch
        {
            <= 0x7f => (long)code,
            >= 0x80 and <= 0x8f => Map(code & 0x0f),
            >= 0x90 and <= 0x9f => Array(code & 0x0f),
            >= 0xa0 and <= 0xbf => Text(code & 0x1f),
            0xc0 => null,
            0xc2 => false,
            0xc3 => true,
            0xc4 => Bytes(Take(1)[0]),
            0xc5 => Bytes(BinaryPrimitives.ReadUInt16BigEndian(Take(2))),
            0xc6 => Bytes((int)BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
            0xca => (double)BinaryPrimitives.ReadSingleBigEndian(Take(4)),
            0xcb => BinaryPrimitives.ReadDoubleBigEndian(Take(8)),
            0xcc => (long)Take(1)[0],
            0xcd => (long)BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            0xce => (long)BinaryPrimitives.ReadUInt32BigEndian(Take(4)),
            0xcf => (long)BinaryPrimitives.ReadUInt64BigEndian(Take(8)),
            0xd0 => (long)(sbyte)Take(1)[0],
            0xd1 => (long)BinaryPrimitives.ReadInt16BigEndian(Take(2)),
            0xd2 => (long)BinaryPrimitives.ReadInt32BigEndian(Take(4)),
            0xd3 => BinaryPrimitives.ReadInt64BigEndian(Take(8)),
            0xd9 => Text(Take(1)[0]),
            0xda => Text(BinaryPrimitives.ReadUInt16BigEndian(Take(2))),
            0xdb => Text((int)BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
            0xdc => Array(BinaryPrimitives.ReadUInt16BigEndian(Take(2))),
            0xdd => Array((int)BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
            0xde => Map(BinaryPrimitives.ReadUInt16BigEndian(Take(2))),
            0xdf => Map((int)BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
            >= 0xe0 => (long)(sbyte)code,
            _ => throw new InvalidDataException($"MessagePack code 0x{code:x2} is not expected from the hub."),
        };
    }

    private ReadOnlySpan<byte> Take(int n)
    {
        var span = _data.Slice(_at, n);
        _at += n;
        return span;
    }

    private string Text(int n) => Encoding.UTF8.GetString(Take(n));

    private byte[] Bytes(int n) => Take(n).ToArray();

    private object?[] Array(int n)
    {
        var items = new object?[n];
        for (int i = 0; i < n; i++) items[i] = Read();
        return items;
    }

    private Dictionary<string, object?> Map(int n)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++) map[Read()?.ToString() ?? ""] = Read();
        return map;
    }
}
