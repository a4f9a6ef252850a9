using System.Runtime.CompilerServices;

namespace RobustLab.Engine.Tensors;

/// <summary>A float buffer whose first element sits on a 64-byte boundary (one cache line, one Vector512).</summary>
/// <remarks>
/// Kernels that stream Vector512 rows from it never split a load across two cache lines, which costs up to 2×
/// in load-bound loops. The array lives on the pinned object heap, so <see cref="Pointer"/> stays valid.
/// </remarks>
internal sealed unsafe class AlignedBuffer
{
    private const int Alignment = 64;
    private readonly float[] _array;
    private readonly int _offset;

    public AlignedBuffer(int length)
    {
        Length = length;
        _array = GC.AllocateArray<float>(length + Alignment / sizeof(float), pinned: true);
        long address = (long)Unsafe.AsPointer(ref _array[0]);
        _offset = (int)((Alignment - address % Alignment) % Alignment / sizeof(float));
    }

    public int Length { get; }

    public float* Pointer => (float*)Unsafe.AsPointer(ref _array[_offset]);

    public Span<float> Span => _array.AsSpan(_offset, Length);

    /// <summary>The buffer when it holds at least <paramref name="length"/> floats, else a new one.</summary>
    public static AlignedBuffer AtLeast(AlignedBuffer? buffer, int length) =>
        buffer is not null && buffer.Length >= length ? buffer : new AlignedBuffer(length);
}
