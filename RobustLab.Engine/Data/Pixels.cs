// Pixels: byte → float conversion shared by the IDX and CIFAR readers.
// p = b / 255, so 0 ↦ 0 and 255 ↦ 1 exactly; an IEEE division per element, the same as a scalar loop.
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace RobustLab.Engine.Data;

internal static class Pixels
{
    /// <summary>Writes <c>source[i] / 255</c> into <c>destination[i]</c>.</summary>
    public static void ToUnitRange(ReadOnlySpan<byte> source, Span<float> destination)
    {
        if (source.Length != destination.Length)
            throw new ArgumentException($"Pixel buffers differ in length: {source.Length} bytes vs {destination.Length} floats.");
        TensorPrimitives.ConvertChecked(source, destination);
        TensorPrimitives.Divide(destination, 255f, destination);
    }
}
