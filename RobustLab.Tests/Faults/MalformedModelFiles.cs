using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;

namespace RobustLab.Tests.Faults;

/// <summary>
/// Seeded generator of model uploads that must be refused: random bytes, truncated or extended files, broken header
/// lengths, bytes of the JSON header made invalid, wrong dtypes, shapes and offsets, NaN/∞ weights, a wrong or missing
/// architecture. Each is malformed by construction (never a valid file by chance), built from a valid lenet-like file.
/// </summary>
internal sealed class MalformedModelFiles(int seed)
{
    public const int Kinds = 10;

    private static readonly Lazy<byte[]> ValidFile = new(() =>
    {
        var stream = new MemoryStream();
        var net = ModelZoo.Create(ModelZoo.LeNetLike, seed: 9);
        SafeTensors.Write(stream, net.StateDict(), new Dictionary<string, string> { [ModelFile.ArchitectureKey] = net.Architecture, ["format"] = "pt" });
        return stream.ToArray();
    });

    private readonly Random _rng = new(seed);

    /// <summary>A valid lenet-like model file (to check that a good upload still goes through).</summary>
    public static byte[] Valid => ValidFile.Value;

    /// <summary>The <paramref name="kind"/>-th way to break a file (0 ≤ kind &lt; <see cref="Kinds"/>), and a word for it.</summary>
    public (byte[] Content, string Kind) Next(int kind)
    {
        var valid = ValidFile.Value;
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(valid);
        var header = JsonNode.Parse(Encoding.UTF8.GetString(valid, 8, headerLength))!.AsObject();
        var data = valid[(8 + headerLength)..];
        var tensors = header.Where(p => p.Key != "__metadata__").Select(p => p.Key).ToArray();
        string tensor = tensors[_rng.Next(tensors.Length)];
        switch (kind)
        {
            case 0:
                return (Bytes(_rng.Next(0, 4097)), "random bytes");
            case 1:
                return (valid[.._rng.Next(0, valid.Length)], "truncated");
            case 2:
                return ([.. valid, .. Bytes(_rng.Next(1, 65))], "trailing bytes");
            case 3:
            {
                var copy = (byte[])valid.Clone();
                ulong length = _rng.Next(3) switch
                {
                    0 => (ulong)_rng.NextInt64(long.MaxValue / 2, long.MaxValue) * 2, // huge
                    1 => (ulong)headerLength + (ulong)_rng.Next(1, 1_000_000),
                    _ => (ulong)_rng.Next(0, headerLength),
                };
                BinaryPrimitives.WriteUInt64LittleEndian(copy, length);
                return (copy, "header length");
            }
            case 4:
            {
                var copy = (byte[])valid.Clone();
                // A control character is invalid anywhere in JSON, inside a string or out of one.
                copy[8 + _rng.Next(headerLength)] = (byte)_rng.Next(0, 0x20);
                return (copy, "header byte");
            }
            case 5:
                header[tensor]!["dtype"] = Pick("I32", "U8", "BOOL", "F8_E4M3", "I64", "float32", "", "f32", "C64");
                return (Rebuild(header, data), "dtype");
            case 6:
            {
                var shape = header[tensor]!["shape"]!.AsArray();
                int axis = _rng.Next(shape.Count);
                shape[axis] = _rng.Next(3) switch { 0 => 0, 1 => -1, _ => (int)shape[axis]! + _rng.Next(1, 4) };
                return (Rebuild(header, data), "shape");
            }
            case 7:
            {
                var offsets = header[tensor]!["data_offsets"]!.AsArray();
                int which = _rng.Next(2);
                offsets[which] = (long)offsets[which]! + Pick(-4, 4, 1, -1, 1L << 40);
                return (Rebuild(header, data), "data offsets");
            }
            case 8:
            {
                var copy = (byte[])data.Clone();
                int index = _rng.Next(copy.Length / 4);
                BinaryPrimitives.WriteSingleLittleEndian(copy.AsSpan(index * 4), Pick(float.NaN, float.PositiveInfinity, float.NegativeInfinity));
                return (Rebuild(header, copy), "NaN or infinite weight");
            }
            default:
            {
                var metadata = header["__metadata__"]!.AsObject();
                switch (_rng.Next(3))
                {
                    case 0: metadata[ModelFile.ArchitectureKey] = Pick(ModelZoo.BorjiMnist, ModelZoo.AlexLike, "resnet-9000", ""); break;
                    case 1: metadata.Remove(ModelFile.ArchitectureKey); break;
                    default: metadata["format"] = Pick("tf", "jax", ""); break;
                }
                return (Rebuild(header, data), "architecture");
            }
        }
    }

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        _rng.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(params T[] choices) => choices[_rng.Next(choices.Length)];

    // [u64 header length][JSON padded with spaces to a multiple of 8][data]
    private static byte[] Rebuild(JsonObject header, byte[] data)
    {
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (json.Length + 7) / 8 * 8;
        var file = new byte[8 + padded + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded);
        json.CopyTo(file, 8);
        file.AsSpan(8 + json.Length, padded - json.Length).Fill((byte)' ');
        data.CopyTo(file, 8 + padded);
        return file;
    }
}
