using System.Buffers.Binary;
using System.Text;

namespace RobustLab.Load.SignalR;

/// <summary>Reads MessagePack values into plain .NET objects: null, bool, long (or ulong past long's range), double,
/// string, byte[], object?[] (arrays) and Dictionary&lt;object, object?&gt; (maps); extension values become byte[].</summary>
/// <remarks>Malformed or truncated input throws <see cref="InvalidDataException"/>, never reads past the buffer.</remarks>
internal ref struct MessagePackReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly int Position => _position;

    public readonly bool End => _position >= _data.Length;

    public object? ReadValue()
    {
        byte code = Take(1)[0];
        switch (code)
        {
            case <= 0x7f: return (long)code;                                    // positive fixint
            case >= 0xe0: return (long)(sbyte)code;                             // negative fixint
            case >= 0x80 and <= 0x8f: return ReadMap(code & 0x0f);
            case >= 0x90 and <= 0x9f: return ReadArray(code & 0x0f);
            case >= 0xa0 and <= 0xbf: return ReadString(code & 0x1f);
        }
        return code switch
        {
            0xc0 => null,
            0xc2 => false,
            0xc3 => true,
            0xc4 => Take(Take(1)[0]).ToArray(),
            0xc5 => Take(BinaryPrimitives.ReadUInt16BigEndian(Take(2))).ToArray(),
            0xc6 => Take(Length(BinaryPrimitives.ReadUInt32BigEndian(Take(4)))).ToArray(),
            0xc7 => Extension(Take(1)[0]),
            0xc8 => Extension(BinaryPrimitives.ReadUInt16BigEndian(Take(2))),
            0xc9 => Extension(Length(BinaryPrimitives.ReadUInt32BigEndian(Take(4)))),
            0xca => (double)BinaryPrimitives.ReadSingleBigEndian(Take(4)),
            0xcb => BinaryPrimitives.ReadDoubleBigEndian(Take(8)),
            0xcc => (long)Take(1)[0],
            0xcd => (long)BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            0xce => (long)BinaryPrimitives.ReadUInt32BigEndian(Take(4)),
            0xcf => Unsigned(BinaryPrimitives.ReadUInt64BigEndian(Take(8))),
            0xd0 => (long)(sbyte)Take(1)[0],
            0xd1 => (long)BinaryPrimitives.ReadInt16BigEndian(Take(2)),
            0xd2 => (long)BinaryPrimitives.ReadInt32BigEndian(Take(4)),
            0xd3 => BinaryPrimitives.ReadInt64BigEndian(Take(8)),
            0xd4 => Extension(1),
            0xd5 => Extension(2),
            0xd6 => Extension(4),
            0xd7 => Extension(8),
            0xd8 => Extension(16),
            0xd9 => ReadString(Take(1)[0]),
            0xda => ReadString(BinaryPrimitives.ReadUInt16BigEndian(Take(2))),
            0xdb => ReadString(Length(BinaryPrimitives.ReadUInt32BigEndian(Take(4)))),
            0xdc => ReadArray(BinaryPrimitives.ReadUInt16BigEndian(Take(2))),
            0xdd => ReadArray(Length(BinaryPrimitives.ReadUInt32BigEndian(Take(4)))),
            0xde => ReadMap(BinaryPrimitives.ReadUInt16BigEndian(Take(2))),
            0xdf => ReadMap(Length(BinaryPrimitives.ReadUInt32BigEndian(Take(4)))),
            _ => throw new InvalidDataException($"MessagePack: 0x{code:x2} at byte {_position - 1} is not a type code."),
        };
    }

    private object?[] ReadArray(int count)
    {
        // NOTE: every element takes at least one byte, so a count beyond what is left is malformed (and must not allocate).
        if (count > _data.Length - _position) throw Truncated();
        var items = new object?[count];
        for (int i = 0; i < count; i++) items[i] = ReadValue();
        return items;
    }

    private Dictionary<object, object?> ReadMap(int count)
    {
        if (count > (_data.Length - _position) / 2) throw Truncated();
        var map = new Dictionary<object, object?>(count);
        for (int i = 0; i < count; i++)
        {
            var key = ReadValue() ?? throw new InvalidDataException("MessagePack: a map key is nil.");
            map[key] = ReadValue();
        }
        return map;
    }

    private string ReadString(int length) => Encoding.UTF8.GetString(Take(length));

    private byte[] Extension(int length)
    {
        Take(1); // the extension type: SignalR does not use extensions; keep the payload
        return Take(length).ToArray();
    }

    private static object Unsigned(ulong value) => value <= long.MaxValue ? (long)value : value;

    private static int Length(uint length) => length <= int.MaxValue ? (int)length : throw new InvalidDataException("MessagePack: a length beyond 2 GB.");

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _data.Length - _position) throw Truncated();
        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }

    private readonly InvalidDataException Truncated() => new($"MessagePack: the data ends early (at byte {_position} of {_data.Length}).");
}
