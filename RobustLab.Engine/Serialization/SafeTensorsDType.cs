// The dtypes of the safetensors format (name → element size) and the little-endian decoding of the
// floating-point ones RobustLab accepts (F32, F64, F16, BF16) into float32.
// F64 is rounded to nearest; BF16 is the upper half of a float32; F16 widens exactly.
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace RobustLab.Engine.Serialization;

internal static class SafeTensorsDType
{
    public const string F32 = "F32";
    public const string F64 = "F64";
    public const string F16 = "F16";
    public const string BF16 = "BF16";
    public const string I64 = "I64";

    // Every byte-sized dtype the format defines, with its element size in bytes.
    private static readonly Dictionary<string, int> Sizes = new(StringComparer.Ordinal)
    {
        ["BOOL"] = 1, ["U8"] = 1, ["I8"] = 1, ["F8_E5M2"] = 1, ["F8_E4M3"] = 1,
        ["I16"] = 2, ["U16"] = 2, [F16] = 2, [BF16] = 2,
        ["I32"] = 4, ["U32"] = 4, [F32] = 4,
        [I64] = 8, ["U64"] = 8, [F64] = 8,
    };

    /// <summary>Element size in bytes, or false when <paramref name="dtype"/> is not a safetensors dtype.</summary>
    public static bool TryGetSize(string dtype, out int size) => Sizes.TryGetValue(dtype, out size);

    /// <summary>True for the dtypes decoded to float32.</summary>
    public static bool IsFloat(string dtype) => dtype is F32 or F64 or F16 or BF16;

    /// <summary>src: little-endian elements of <paramref name="dtype"/> → dst (one float per element).</summary>
    public static void ToFloat32(string dtype, ReadOnlySpan<byte> src, Span<float> dst)
    {
        switch (dtype)
        {
            case F32 when BitConverter.IsLittleEndian:
                MemoryMarshal.Cast<byte, float>(src).CopyTo(dst);
                break;
            case F32:
                for (int i = 0; i < dst.Length; i++) dst[i] = BinaryPrimitives.ReadSingleLittleEndian(src[(4 * i)..]);
                break;
            case F64:
                for (int i = 0; i < dst.Length; i++) dst[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(src[(8 * i)..]);
                break;
            case F16:
                for (int i = 0; i < dst.Length; i++) dst[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(src[(2 * i)..]);
                break;
            case BF16:
                for (int i = 0; i < dst.Length; i++)
                    dst[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(src[(2 * i)..]) << 16);
                break;
            default:
                throw new ArgumentException($"dtype {dtype} is not a floating-point dtype.", nameof(dtype));
        }
    }

    /// <summary>src floats → little-endian F32 bytes (dst is 4 bytes per element).</summary>
    public static void FromFloat32(ReadOnlySpan<float> src, Span<byte> dst)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(src).CopyTo(dst);
            return;
        }
        for (int i = 0; i < src.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(dst[(4 * i)..], src[i]);
    }
}
