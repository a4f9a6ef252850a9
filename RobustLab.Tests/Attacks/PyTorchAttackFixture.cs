// Reads the attack fixtures written by tools/exact_attack_fixtures.py: a safetensors file whose tensors are F32,
// I8 (gradient signs) and U8 (MNIST pixel bytes, labels, bit masks packed by numpy.packbits, big-endian bit order).
// RobustLab's own reader decodes only floating-point tensors (model weights); these need their raw bytes.
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using RobustLab.Engine.Serialization;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Attacks;

internal sealed class PyTorchAttackFixture
{
    private readonly Dictionary<string, (string DType, int[] Shape, byte[] Bytes)> _tensors = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public PyTorchAttackFixture(string path)
    {
        var content = File.ReadAllBytes(path);
        int headerLength = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(content));
        var header = SafeTensorsHeader.Parse(content[8..(8 + headerLength)], path);
        foreach (var e in header.Entries)
            _tensors[e.Name] = (e.DType, e.Shape, content[(int)(8 + headerLength + e.Begin)..(int)(8 + headerLength + e.End)]);
        Metadata = header.Metadata;
    }

    /// <summary>The MNIST test images, pixels byte/255 as Idx/Pixels reads them: [N,1,28,28].</summary>
    public Tensor Images(int count)
    {
        var (_, shape, bytes) = Get("pixels", "U8");
        var x = new Tensor([count, .. shape[1..]]);
        for (int i = 0; i < x.Length; i++) x.Data[i] = bytes[i] / 255f;
        return x;
    }

    public int[] Labels(int count) => Get("labels", "U8").Bytes[..count].Select(b => (int)b).ToArray();

    public Tensor Float(string name)
    {
        var (_, shape, bytes) = Get(name, "F32");
        return new Tensor(MemoryMarshal.Cast<byte, float>(bytes).ToArray(), shape);
    }

    public sbyte[] Signs(string name) => MemoryMarshal.Cast<byte, sbyte>(Get(name, "I8").Bytes).ToArray();

    public bool[] Flags(string name) => Get(name, "U8").Bytes.Select(b => b != 0).ToArray();

    /// <summary>A bit mask packed per example (numpy.packbits, axis 1): [N, ⌈size/8⌉] bytes → N·size flags.</summary>
    public bool[] Mask(string name, int size)
    {
        var (_, shape, bytes) = Get(name, "U8");
        int n = shape[0], stride = shape[1];
        var mask = new bool[n * size];
        for (int e = 0; e < n; e++)
            for (int i = 0; i < size; i++)
                mask[e * size + i] = (bytes[e * stride + i / 8] >> (7 - i % 8) & 1) != 0;
        return mask;
    }

    private (string DType, int[] Shape, byte[] Bytes) Get(string name, string dtype)
    {
        if (!_tensors.TryGetValue(name, out var t)) throw new KeyNotFoundException($"fixture has no tensor '{name}'.");
        if (t.DType != dtype) throw new InvalidDataException($"fixture tensor '{name}' is {t.DType}, expected {dtype}.");
        return t;
    }
}
