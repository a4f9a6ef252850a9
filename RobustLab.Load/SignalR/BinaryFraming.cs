namespace RobustLab.Load.SignalR;

/// <summary>SignalR's framing of binary hub messages: each message is prefixed by its length as a varint
/// (7 bits a byte, least significant group first, high bit set when more bytes follow; at most 5 bytes, under 2 GB).</summary>
internal static class BinaryFraming
{
    private const int MaxPrefixBytes = 5;

    public static byte[] Frame(ReadOnlySpan<byte> message)
    {
        Span<byte> prefix = stackalloc byte[MaxPrefixBytes];
        int n = 0;
        uint length = (uint)message.Length;
        do
        {
            byte b = (byte)(length & 0x7f);
            length >>= 7;
            if (length > 0) b |= 0x80;
            prefix[n++] = b;
        }
        while (length > 0);
        var framed = new byte[n + message.Length];
        prefix[..n].CopyTo(framed);
        message.CopyTo(framed.AsSpan(n));
        return framed;
    }

    /// <summary>Takes the first complete message off <paramref name="buffer"/>; false when it holds only part of one.</summary>
    /// <exception cref="InvalidDataException">The length prefix is malformed.</exception>
    public static bool TryTake(ref ReadOnlyMemory<byte> buffer, out ReadOnlyMemory<byte> message)
    {
        message = default;
        var span = buffer.Span;
        long length = 0;
        int i = 0;
        while (true)
        {
            if (i >= span.Length) return false;
            if (i == MaxPrefixBytes) throw new InvalidDataException("SignalR: a length prefix longer than 5 bytes.");
            byte b = span[i];
            length |= (long)(b & 0x7f) << (7 * i);
            i++;
            if ((b & 0x80) == 0) break;
        }
        if (length > int.MaxValue) throw new InvalidDataException("SignalR: a message of 2 GB or more.");
        if (span.Length - i < length) return false;
        message = buffer.Slice(i, (int)length);
        buffer = buffer[(i + (int)length)..];
        return true;
    }
}
