using System.Buffers.Binary;
using System.Text;

namespace RobustLab.Load.SignalR;

/// <summary>Writes the subset of MessagePack (https://github.com/msgpack/msgpack/blob/master/spec.md) that SignalR's hub protocol uses.</summary>
/// <remarks>Always the shortest encoding, as the spec recommends and as the server's own writer does.</remarks>
internal sealed class MessagePackWriter
{
    private readonly MemoryStream _buffer = new();

    public byte[] ToArray() => _buffer.ToArray();

    public void WriteNil() => _buffer.WriteByte(0xc0);

    public void Write(bool value) => _buffer.WriteByte(value ? (byte)0xc3 : (byte)0xc2);

    public void Write(long value)
    {
        if (value >= 0)
        {
            if (value <= 0x7f) _buffer.WriteByte((byte)value);                          // positive fixint
            else if (value <= byte.MaxValue) WriteByte(0xcc, (byte)value);                // uint 8
            else if (value <= ushort.MaxValue) WriteBigEndian(0xcd, (ulong)value, 2);    // uint 16
            else if (value <= uint.MaxValue) WriteBigEndian(0xce, (ulong)value, 4);      // uint 32
            else WriteBigEndian(0xcf, (ulong)value, 8);                                    // uint 64
        }
        else
        {
            if (value >= -32) _buffer.WriteByte((byte)(sbyte)value);                      // negative fixint
            else if (value >= sbyte.MinValue) WriteByte(0xd0, (byte)(sbyte)value);        // int 8
            else if (value >= short.MinValue) WriteBigEndian(0xd1, (ulong)value, 2);     // int 16
            else if (value >= int.MinValue) WriteBigEndian(0xd2, (ulong)value, 4);       // int 32
            else WriteBigEndian(0xd3, (ulong)value, 8);                                    // int 64
        }
    }

    public void Write(double value) => WriteBigEndian(0xcb, (ulong)BitConverter.DoubleToInt64Bits(value), 8);

    public void Write(string? value)
    {
        if (value is null)
        {
            WriteNil();
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length <= 31) _buffer.WriteByte((byte)(0xa0 | bytes.Length));          // fixstr
        else if (bytes.Length <= byte.MaxValue) WriteByte(0xd9, (byte)bytes.Length);      // str 8
        else if (bytes.Length <= ushort.MaxValue) WriteBigEndian(0xda, (ulong)bytes.Length, 2);
        else WriteBigEndian(0xdb, (ulong)bytes.Length, 4);
        _buffer.Write(bytes);
    }

    public void Write(ReadOnlySpan<byte> binary)
    {
        if (binary.Length <= byte.MaxValue) WriteByte(0xc4, (byte)binary.Length);         // bin 8
        else if (binary.Length <= ushort.MaxValue) WriteBigEndian(0xc5, (ulong)binary.Length, 2);
        else WriteBigEndian(0xc6, (ulong)binary.Length, 4);
        _buffer.Write(binary);
    }

    public void WriteArrayHeader(int count)
    {
        if (count <= 15) _buffer.WriteByte((byte)(0x90 | count));                         // fixarray
        else if (count <= ushort.MaxValue) WriteBigEndian(0xdc, (ulong)count, 2);
        else WriteBigEndian(0xdd, (ulong)count, 4);
    }

    public void WriteMapHeader(int count)
    {
        if (count <= 15) _buffer.WriteByte((byte)(0x80 | count));                         // fixmap
        else if (count <= ushort.MaxValue) WriteBigEndian(0xde, (ulong)count, 2);
        else WriteBigEndian(0xdf, (ulong)count, 4);
    }

    /// <summary>Writes a value of the types <see cref="MessagePackReader"/> returns (null, bool, integers, double, string, byte[], arrays).</summary>
    public void WriteValue(object? value)
    {
        switch (value)
        {
            case null: WriteNil(); break;
            case bool b: Write(b); break;
            case int i: Write(i); break;
            case long l: Write(l); break;
            case double d: Write(d); break;
            case string s: Write(s); break;
            case byte[] bytes: Write(bytes); break;
            case object?[] array:
                WriteArrayHeader(array.Length);
                foreach (var item in array) WriteValue(item);
                break;
            default: throw new ArgumentException($"MessagePackWriter cannot write a {value.GetType().Name}.", nameof(value));
        }
    }

    private void WriteByte(byte code, byte value)
    {
        _buffer.WriteByte(code);
        _buffer.WriteByte(value);
    }

    private void WriteBigEndian(byte code, ulong value, int bytes)
    {
        Span<byte> scratch = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(scratch, value);
        _buffer.WriteByte(code);
        _buffer.Write(scratch[(8 - bytes)..]);
    }
}
