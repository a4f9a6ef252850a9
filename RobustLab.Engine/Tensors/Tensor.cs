namespace RobustLab.Engine.Tensors;

/// <summary>A dense float32 tensor, row-major, batch first (NCHW for images).</summary>
/// <remarks>
/// Shape legend used in comments throughout the engine: N batch, C channels, H×W spatial,
/// K classes, F features. A tensor is a <c>float[]</c> plus a shape; views made by
/// <see cref="Reshape"/> share the data.
/// </remarks>
public sealed class Tensor
{
    public float[] Data { get; }
    public int[] Shape { get; }

    public Tensor(params int[] shape) : this(new float[CheckedLength(shape)], shape) { }

    public Tensor(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        long length = CheckedLength(shape);
        if (data.Length != length)
            throw new ArgumentException($"Data length {data.Length} does not match shape [{string.Join(",", shape)}] ({length}).");
        Data = data;
        Shape = (int[])shape.Clone();
    }

    public int Length => Data.Length;
    public int Rank => Shape.Length;
    public Span<float> Span => Data;

    /// <summary>Size of the leading (batch) dimension.</summary>
    public int N => Shape[0];

    /// <summary>Number of elements of one example: product of all dimensions but the first.</summary>
    public int ExampleSize => Shape.Length == 0 ? 1 : Data.Length / Math.Max(Shape[0], 1);

    public float this[int i] { get => Data[i]; set => Data[i] = value; }

    public Tensor Reshape(params int[] shape) => new(Data, shape);

    public Tensor Clone() => new((float[])Data.Clone(), Shape);

    public static Tensor Zeros(params int[] shape) => new(shape);

    public static Tensor ZerosLike(Tensor t) => new(t.Shape);

    /// <summary>Copies examples [start, start+count) of the batch into a new tensor.</summary>
    public Tensor Slice(int start, int count) => Slice(start, count, null);

    /// <summary>
    /// Copies examples [start, start+count) into <paramref name="destination"/> when it has the batch's shape
    /// with N = count (reusing its storage: no allocation in batch loops), else into a new tensor; returns it.
    /// </summary>
    public Tensor Slice(int start, int count, Tensor? destination)
    {
        if (start < 0 || count < 0 || start + count > N)
            throw new ArgumentOutOfRangeException(nameof(count), $"Slice [{start},{start + count}) outside batch of {N}.");
        int size = ExampleSize;
        var result = BatchOf(count, destination);
        Array.Copy(Data, (long)start * size, result.Data, 0, (long)count * size);
        return result;
    }

    /// <summary>Gathers the given examples (by index) into a new batch.</summary>
    public Tensor Gather(ReadOnlySpan<int> indices) => Gather(indices, null);

    /// <summary>Gathers the given examples into <paramref name="destination"/> when its shape fits (see <see cref="Slice(int, int, Tensor?)"/>), else into a new batch.</summary>
    public Tensor Gather(ReadOnlySpan<int> indices, Tensor? destination)
    {
        int size = ExampleSize;
        var result = BatchOf(indices.Length, destination);
        for (int i = 0; i < indices.Length; i++)
            Array.Copy(Data, (long)indices[i] * size, result.Data, (long)i * size, size);
        return result;
    }

    // destination if it is [count, Shape[1..]], else a new tensor of that shape.
    private Tensor BatchOf(int count, Tensor? destination)
    {
        if (destination is not null && destination.Rank == Rank && destination.Shape[0] == count && destination.Shape.AsSpan(1).SequenceEqual(Shape.AsSpan(1)))
        {
            if (ReferenceEquals(destination.Data, Data)) throw new ArgumentException("The destination must not share this tensor's data.", nameof(destination));
            return destination;
        }
        var shape = (int[])Shape.Clone();
        shape[0] = count;
        return new Tensor(shape);
    }

    public bool SameShape(Tensor other) => Shape.AsSpan().SequenceEqual(other.Shape);

    public string ShapeString => "[" + string.Join(",", Shape) + "]";

    public override string ToString() => $"Tensor{ShapeString}";

    internal static int CheckedLength(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long length = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException($"Negative dimension in shape [{string.Join(",", shape)}].");
            length *= d;
            if (length > Array.MaxLength) throw new ArgumentException($"Shape [{string.Join(",", shape)}] is too large.");
        }
        return (int)length;
    }
}
