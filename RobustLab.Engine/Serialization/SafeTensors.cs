// Hugging Face safetensors: [u64 little-endian header length N][N bytes of UTF-8 JSON header, space-padded]
// [data buffer: raw little-endian tensors, offsets relative to its start]. Format and reference implementation:
// https://github.com/huggingface/safetensors. RobustLab writes F32 and reads F32/F64/F16/BF16 as float32.
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Buffers;
using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Serialization;

/// <summary>Reads and writes tensors in the safetensors format.</summary>
/// <remarks>
/// Reading validates everything the format requires (header size, JSON, dtypes, shapes, offsets that tile
/// the buffer with no overlap, hole or trailing byte) and rejects NaN/Inf values; every error is an
/// <see cref="InvalidDataException"/> whose message starts with the file name. Float tensors (F32, F64, F16,
/// BF16) are converted to float32. I64 is accepted only for "*.num_batches_tracked" (PyTorch's BatchNorm
/// counter, which RobustLab does not use): it is validated, skipped and listed in <see cref="SafeTensorsFile.Skipped"/>.
/// Any other dtype is rejected. Writing emits F32 tensors sorted by name with a header padded by spaces to a
/// multiple of 8 bytes, as the reference implementation does; writing to a path is atomic.
/// </remarks>
public static class SafeTensors
{
    /// <summary>Largest header accepted (the reference implementation's limit).</summary>
    public const int MaxHeaderBytes = 100_000_000;

    private const int ChunkBytes = 1 << 20;

    /// <summary>Reads a safetensors file.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file; the message names the file and the problem.</exception>
    public static SafeTensorsFile Read(string path)
    {
        using var stream = OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads safetensors content from the current position of <paramref name="stream"/> to its end.</summary>
    /// <param name="stream">The content; need not be seekable.</param>
    /// <param name="source">Name used in error messages (e.g. the file name).</param>
    public static SafeTensorsFile Read(Stream stream, string source = "<stream>")
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = ReadHeader(stream, source, out long? available);
        foreach (var e in header.Entries)
        {
            if (!SafeTensorsDType.IsFloat(e.DType) && !IsSkippable(e))
                throw Bad(source, $"tensor '{e.Name}' has dtype {e.DType}; RobustLab reads F32, F64, F16 and BF16 (as float32), and I64 only for '*.num_batches_tracked', which it skips.");
        }
        if (available is long present && present != header.DataLength)
        {
            if (present > header.DataLength)
                throw Bad(source, $"{present - header.DataLength} trailing bytes follow the last tensor (the header describes a {header.DataLength}-byte data buffer).");
            var cut = header.Entries.First(e => e.End > present);
            throw Bad(source, $"the file is truncated: tensor '{cut.Name}' ends at byte {cut.End} of the data buffer, which has only {present} bytes.");
        }

        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var skipped = new List<string>();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            // Entries are contiguous in data order, so the buffer is read front to back in one pass.
            foreach (var e in header.Entries)
            {
                if (IsSkippable(e))
                {
                    for (long left = e.ByteLength; left > 0; left -= ChunkBytes)
                        ReadExactly(stream, chunk.AsSpan(0, (int)Math.Min(left, ChunkBytes)), e, source);
                    skipped.Add(e.Name);
                    continue;
                }
                SafeTensorsDType.TryGetSize(e.DType, out int size);
                var data = new float[e.ElementCount];
                for (int done = 0, step = ChunkBytes / size; done < data.Length; done += step)
                {
                    int n = Math.Min(step, data.Length - done);
                    var bytes = chunk.AsSpan(0, n * size);
                    ReadExactly(stream, bytes, e, source);
                    SafeTensorsDType.ToFloat32(e.DType, bytes, data.AsSpan(done, n));
                }
                int bad = FirstNonFinite(data);
                if (bad >= 0)
                {
                    string converted = e.DType == SafeTensorsDType.F32 ? "" : $" (after conversion from {e.DType} to float32)";
                    throw Bad(source, $"tensor '{e.Name}' contains {data[bad]} at element {bad}{converted}; only finite values are accepted.");
                }
                tensors.Add(e.Name, new Tensor(data, e.Shape));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        if (available is null && stream.ReadByte() != -1)
            throw Bad(source, "trailing bytes follow the last tensor.");
        return new SafeTensorsFile(tensors, header.Metadata, skipped);
    }

    /// <summary>Reads and validates only the header of a safetensors file and returns its "__metadata__".</summary>
    public static Dictionary<string, string> ReadMetadata(string path)
    {
        using var stream = OpenRead(path);
        return ReadHeader(stream, path, out _).Metadata;
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> (as F32, sorted by name) and <paramref name="metadata"/> to
    /// <paramref name="path"/> atomically: a temp file in the same directory is written and flushed to disk,
    /// then moved over the target, so the target is either the old file or the complete new one.
    /// </summary>
    /// <exception cref="ArgumentException">A tensor name is empty or reserved, or a tensor holds NaN/Inf (the target is left untouched).</exception>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (ordered, header) = Plan(tensors, metadata);
        string target = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                WriteContent(stream, ordered, header);
                stream.Flush(flushToDisk: true);
            }
            // NOTE: rename(2) replaces the target atomically; the data was flushed first, so a crash exposes either
            // the old file or the complete new one (flushing the directory entry itself has no .NET API).
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="tensors"/> (as F32, sorted by name) and <paramref name="metadata"/> to a stream.</summary>
    public static void Write(Stream stream, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (ordered, header) = Plan(tensors, metadata);
        WriteContent(stream, ordered, header);
    }

    private static FileStream OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }

    // stream at the length prefix → parsed header; available = data-buffer bytes in the stream when it is seekable.
    private static SafeTensorsHeader ReadHeader(Stream stream, string source, out long? available)
    {
        Span<byte> prefix = stackalloc byte[8];
        int got = stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false);
        if (got < 8) throw Bad(source, $"the file has {got} bytes, fewer than the 8-byte header length of a safetensors file.");
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (length > MaxHeaderBytes)
            throw Bad(source, $"the header length {length} exceeds the {MaxHeaderBytes}-byte limit; this is not a safetensors file.");
        long? rest = stream.CanSeek ? stream.Length - stream.Position : null;
        if (rest is long r && length > (ulong)r)
            throw Bad(source, $"the header length {length} is larger than the {r} bytes that follow it.");
        var json = new byte[length];
        if (stream.ReadAtLeast(json, json.Length, throwOnEndOfStream: false) < json.Length)
            throw Bad(source, $"the header length {length} is larger than the bytes that follow it.");
        available = rest - (long)length;
        return SafeTensorsHeader.Parse(json, source);
    }

    private static bool IsSkippable(SafeTensorsHeader.Entry e) =>
        e.DType == SafeTensorsDType.I64 && e.Name.EndsWith(".num_batches_tracked", StringComparison.Ordinal);

    private static void ReadExactly(Stream stream, Span<byte> buffer, SafeTensorsHeader.Entry e, string source)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
            throw Bad(source, $"the file is truncated in the data of tensor '{e.Name}' (data_offsets [{e.Begin}, {e.End}]).");
    }

    private static int FirstNonFinite(ReadOnlySpan<float> data)
    {
        if (TensorPrimitives.IsFiniteAll(data)) return -1;
        for (int i = 0; i < data.Length; i++)
            if (!float.IsFinite(data[i])) return i;
        return -1;
    }

    // tensors + metadata → (tensors sorted by name, header bytes padded with spaces to a multiple of 8).
    private static ((string Name, Tensor Tensor)[] Ordered, byte[] Header) Plan(
        IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var ordered = tensors.Select(p => (Name: p.Key, Tensor: p.Value)).OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(SafeTensorsHeader.MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
                    json.WriteString(key, value ?? throw new ArgumentException($"Metadata value of '{key}' is null.", nameof(metadata)));
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor) in ordered)
            {
                if (string.IsNullOrEmpty(name) || name == SafeTensorsHeader.MetadataKey)
                    throw new ArgumentException($"'{name}' cannot name a tensor in a safetensors file.", nameof(tensors));
                ArgumentNullException.ThrowIfNull(tensor, $"tensors[{name}]");
                json.WriteStartObject(name);
                json.WriteString("dtype", SafeTensorsDType.F32);
                json.WriteStartArray("shape");
                foreach (int d in tensor.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset += 4L * tensor.Length);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        int padded = (buffer.WrittenCount + 7) / 8 * 8;
        var header = new byte[padded];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return (ordered, header);
    }

    private static void WriteContent(Stream stream, (string Name, Tensor Tensor)[] tensors, byte[] header)
    {
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            foreach (var (name, tensor) in tensors)
            {
                // NOTE: values are checked as they are streamed, so a NaN aborts the write part-way through;
                // Write(path, ...) then deletes its temp file and the target is never touched.
                int bad = FirstNonFinite(tensor.Data);
                if (bad >= 0)
                    throw new ArgumentException($"Tensor '{name}' contains {tensor.Data[bad]} at element {bad}; safetensors files hold finite values only.", nameof(tensors));
                for (int done = 0, step = ChunkBytes / 4; done < tensor.Length; done += step)
                {
                    int n = Math.Min(step, tensor.Length - done);
                    SafeTensorsDType.FromFloat32(tensor.Data.AsSpan(done, n), chunk);
                    stream.Write(chunk, 0, 4 * n);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original exception matters more; a leftover temp file is hidden (dot-prefixed) and harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    private static InvalidDataException Bad(string source, string message) => new($"{source}: {message}");
}
