// The JSON header of a safetensors file, parsed and checked against the format's rules
// (github.com/huggingface/safetensors): every entry has a known dtype, a shape of non-negative integers and
// data_offsets [begin, end) whose size is product(shape)·dtype size, and the entries tile the data buffer
// contiguously from byte 0, with no overlap and no hole. "__metadata__" maps strings to strings.
using System.Text.Json;
using System.Text.Unicode;

namespace RobustLab.Engine.Serialization;

internal sealed class SafeTensorsHeader
{
    public const string MetadataKey = "__metadata__";

    /// <summary>One tensor's entry; offsets are relative to the start of the data buffer.</summary>
    public sealed record Entry(string Name, string DType, int[] Shape, int ElementCount, long Begin, long End)
    {
        public long ByteLength => End - Begin;
        public string ShapeString => "[" + string.Join(",", Shape) + "]";
    }

    /// <summary>Entries in data order (ascending offsets).</summary>
    public IReadOnlyList<Entry> Entries { get; }

    public Dictionary<string, string> Metadata { get; }

    /// <summary>Size of the data buffer the entries describe (the end of the last tensor).</summary>
    public long DataLength { get; }

    private SafeTensorsHeader(IReadOnlyList<Entry> entries, Dictionary<string, string> metadata, long dataLength) =>
        (Entries, Metadata, DataLength) = (entries, metadata, dataLength);

    /// <summary>Parses and validates the header bytes; <paramref name="source"/> names the file in errors.</summary>
    public static SafeTensorsHeader Parse(byte[] json, string source)
    {
        if (!Utf8.IsValid(json)) throw Bad(source, "the header is not valid UTF-8.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Bad(source, $"the header is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Bad(source, $"the header must be a JSON object, found a JSON {root.ValueKind}.");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var entries = new List<Entry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name)) throw Bad(source, $"the header has the key '{property.Name}' twice.");
                if (property.Name == MetadataKey) ReadMetadata(property.Value, metadata, source);
                else entries.Add(ReadEntry(property.Name, property.Value, source));
            }
            entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
            return new SafeTensorsHeader(entries, metadata, CheckContiguous(entries, source));
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string source)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Bad(source, $"{MetadataKey} must be an object of strings, found a JSON {value.ValueKind}.");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw Bad(source, $"{MetadataKey} value of '{item.Name}' must be a string, found a JSON {item.Value.ValueKind}.");
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
                throw Bad(source, $"{MetadataKey} has the key '{item.Name}' twice.");
        }
    }

    private static Entry ReadEntry(string name, JsonElement value, string source)
    {
        string where = $"tensor '{name}'";
        if (value.ValueKind != JsonValueKind.Object)
            throw Bad(source, $"{where}: the entry must be an object, found a JSON {value.ValueKind}.");
        if (!value.TryGetProperty("dtype", out var dtypeElement)) throw Bad(source, $"{where}: the entry has no dtype.");
        if (!value.TryGetProperty("shape", out var shapeElement)) throw Bad(source, $"{where}: the entry has no shape.");
        if (!value.TryGetProperty("data_offsets", out var offsetsElement)) throw Bad(source, $"{where}: the entry has no data_offsets.");

        if (dtypeElement.ValueKind != JsonValueKind.String)
            throw Bad(source, $"{where}: dtype must be a string, found {dtypeElement.GetRawText()}.");
        string dtype = dtypeElement.GetString()!;
        if (!SafeTensorsDType.TryGetSize(dtype, out int elementSize))
            throw Bad(source, $"{where}: unknown dtype '{dtype}'.");

        if (shapeElement.ValueKind != JsonValueKind.Array)
            throw Bad(source, $"{where}: shape must be a list of non-negative integers, found {shapeElement.GetRawText()}.");
        var shape = new int[shapeElement.GetArrayLength()];
        long count = 1;
        int d = 0;
        foreach (var dim in shapeElement.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt64(out long size))
                throw Bad(source, $"{where}: shape {shapeElement.GetRawText()} has a dimension {dim.GetRawText()} that is not an integer.");
            if (size < 0)
                throw Bad(source, $"{where}: shape {shapeElement.GetRawText()} has a negative dimension {size}.");
            if (size > int.MaxValue || (count *= size) > Array.MaxLength)
                throw Bad(source, $"{where}: shape {shapeElement.GetRawText()} is too large for one tensor.");
            shape[d++] = (int)size;
        }

        if (offsetsElement.ValueKind != JsonValueKind.Array || offsetsElement.GetArrayLength() != 2
            || !TryGetOffset(offsetsElement[0], out long begin) || !TryGetOffset(offsetsElement[1], out long end))
            throw Bad(source, $"{where}: data_offsets must be two non-negative integers [begin, end], found {offsetsElement.GetRawText()}.");
        if (begin > end)
            throw Bad(source, $"{where}: data_offsets [{begin}, {end}] has begin > end.");
        long expected = count * elementSize;
        if (end - begin != expected)
            throw Bad(source, $"{where}: data_offsets [{begin}, {end}] span {end - begin} bytes, but shape {shapeElement.GetRawText()} of {dtype} needs {expected} bytes.");
        return new Entry(name, dtype, shape, (int)count, begin, end);
    }

    private static bool TryGetOffset(JsonElement element, out long offset)
    {
        offset = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out offset) && offset >= 0;
    }

    // entries sorted by (begin, end) → size of the buffer they tile; rejects overlaps and holes.
    private static long CheckContiguous(List<Entry> entries, string source)
    {
        long expected = 0;
        Entry? previous = null;
        foreach (var e in entries)
        {
            if (e.Begin < expected)
                throw Bad(source, $"tensor '{e.Name}' (data_offsets [{e.Begin}, {e.End}]) overlaps tensor '{previous!.Name}' (data_offsets [{previous.Begin}, {previous.End}]).");
            if (e.Begin > expected)
                throw Bad(source, $"the data buffer has a hole: bytes [{expected}, {e.Begin}) before tensor '{e.Name}' belong to no tensor.");
            expected = e.End;
            previous = e;
        }
        return expected;
    }

    private static InvalidDataException Bad(string source, string message) => new($"{source}: {message}");
}
