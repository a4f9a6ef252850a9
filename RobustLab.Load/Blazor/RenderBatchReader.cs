using System.Buffers.Binary;
using System.Text;

namespace RobustLab.Load.Blazor;

/// <summary>
/// Reads the binary render batch a Blazor Server circuit sends in "JS.RenderBatch" (the server's RenderBatchWriter; the
/// browser reads it in OutOfProcessRenderBatch.ts). Little-endian int32s throughout; the last five give the offsets of
/// the updated components, the reference frames, the disposed component ids, the disposed event handler ids and the
/// string table. Edits are 16 bytes (type, sibling index, frame index, removed attribute name); frames are 20 bytes
/// (type + 16 type-specific bytes); strings are indices into the table (-1 = null), each a 7-bit-length-prefixed UTF-8 string.
/// </summary>
internal static class RenderBatchReader
{
    private const int EditBytes = 16, FrameBytes = 20;

    /// <exception cref="InvalidDataException">The bytes are not a render batch (an offset or index out of range).</exception>
    public static RenderBatch Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 20) throw new InvalidDataException($"A render batch of {data.Length} bytes is too short.");
        int end = data.Length - 20;
        int componentsAt = Int(data, end), framesAt = Int(data, end + 4), disposedComponentsAt = Int(data, end + 8),
            disposedHandlersAt = Int(data, end + 12), stringsAt = Int(data, end + 16);
        var strings = new StringTable(data, stringsAt, end);

        int diffCount = Count(data, componentsAt, 4);
        var diffs = new ComponentDiff[diffCount];
        for (int i = 0; i < diffCount; i++)
        {
            int at = Int(data, componentsAt + 4 + 4 * i);
            int componentId = Int(data, at);
            int editCount = Count(data, at + 4, EditBytes);
            var edits = new RenderEdit[editCount];
            for (int e = 0; e < editCount; e++)
            {
                int p = at + 8 + e * EditBytes;
                edits[e] = new RenderEdit((EditType)Int(data, p), Int(data, p + 4), Int(data, p + 8), strings.Get(Int(data, p + 12)));
            }
            diffs[i] = new ComponentDiff(componentId, edits);
        }

        int frameCount = Count(data, framesAt, FrameBytes);
        var frames = new RenderFrame[frameCount];
        for (int i = 0; i < frameCount; i++) frames[i] = Frame(data, framesAt + 4 + i * FrameBytes, strings);

        int disposedCount = Count(data, disposedComponentsAt, 4);
        var disposed = new int[disposedCount];
        for (int i = 0; i < disposedCount; i++) disposed[i] = Int(data, disposedComponentsAt + 4 + 4 * i);

        int handlerCount = Count(data, disposedHandlersAt, 8);
        var handlers = new ulong[handlerCount];
        for (int i = 0; i < handlerCount; i++) handlers[i] = BinaryPrimitives.ReadUInt64LittleEndian(Slice(data, disposedHandlersAt + 4 + 8 * i, 8));

        return new RenderBatch(diffs, frames, disposed, handlers);
    }

    private static RenderFrame Frame(ReadOnlySpan<byte> data, int at, StringTable strings)
    {
        var type = (FrameType)Int(data, at);
        return type switch
        {
            FrameType.Element => new RenderFrame(type, Int(data, at + 4), 0, strings.Get(Int(data, at + 8)), null, 0),
            FrameType.Text or FrameType.Markup or FrameType.ElementReferenceCapture => new RenderFrame(type, 0, 0, null, strings.Get(Int(data, at + 4)), 0),
            FrameType.Attribute => new RenderFrame(type, 0, 0, strings.Get(Int(data, at + 4)), strings.Get(Int(data, at + 8)),
                BinaryPrimitives.ReadUInt64LittleEndian(Slice(data, at + 12, 8))),
            FrameType.Component => new RenderFrame(type, Int(data, at + 4), Int(data, at + 8), null, null, 0),
            FrameType.Region => new RenderFrame(type, Int(data, at + 4), 0, null, null, 0),
            _ => new RenderFrame(type, 0, 0, null, null, 0), // frames the browser ignores keep their place (edits index them)
        };
    }

    // An array's count, checked against the bytes it needs.
    private static int Count(ReadOnlySpan<byte> data, int at, int entryBytes)
    {
        int count = Int(data, at);
        if (count < 0 || count > (data.Length - at - 4) / entryBytes) throw new InvalidDataException($"A render batch array at byte {at} claims {count} entries.");
        return count;
    }

    private static int Int(ReadOnlySpan<byte> data, int at) => BinaryPrimitives.ReadInt32LittleEndian(Slice(data, at, 4));

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> data, int at, int length) =>
        at >= 0 && length >= 0 && at <= data.Length - length ? data.Slice(at, length)
        : throw new InvalidDataException($"A render batch offset {at} is out of range ({data.Length} bytes).");

    // The string table: int32 positions from `at` up to the trailer; strings are decoded on first use.
    private readonly ref struct StringTable(ReadOnlySpan<byte> data, int at, int end)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private readonly int _count = at >= 0 && at <= end ? (end - at) / 4 : throw new InvalidDataException($"A render batch string table at {at} is out of range.");
        private readonly string?[] _decoded = new string?[at >= 0 && at <= end ? (end - at) / 4 : 0];

        public string? Get(int index)
        {
            if (index == -1) return null;
            if (index < 0 || index >= _count) throw new InvalidDataException($"A render batch refers to string {index} of {_count}.");
            return _decoded[index] ??= Decode(index);
        }

        private string Decode(int index)
        {
            int p = Int(_data, at + 4 * index);
            int length = 0, shift = 0;
            while (true)
            {
                byte b = Slice(_data, p++, 1)[0];
                length |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) break;
                shift += 7;
                if (shift > 28) throw new InvalidDataException("A render batch string has a malformed length.");
            }
            return Encoding.UTF8.GetString(Slice(_data, p, length));
        }
    }
}
