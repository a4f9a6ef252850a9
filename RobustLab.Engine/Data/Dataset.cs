using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Data;

/// <summary>A labelled image set in memory: images [N,C,H,W] with pixels in [0,1], labels [N] in 0..Classes−1.</summary>
public sealed record Dataset(string Name, Tensor Images, int[] Labels, int Classes)
{
    public int Count => Labels.Length;

    /// <summary>Shape of one example, [C,H,W].</summary>
    public int[] ExampleShape => Images.Shape[1..];

    /// <summary>Examples [offset, offset+limit) (limit clipped to what is there).</summary>
    public Dataset Subset(int offset, int? limit = null)
    {
        if (offset < 0 || offset > Count) throw new ArgumentOutOfRangeException(nameof(offset), $"Offset {offset} outside 0..{Count}.");
        int count = Math.Min(limit ?? Count - offset, Count - offset);
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(limit), $"Limit must be ≥ 0, got {limit}.");
        return this with { Images = Images.Slice(offset, count), Labels = Labels.AsSpan(offset, count).ToArray() };
    }

    /// <summary>The examples at <paramref name="indices"/> as a batch.</summary>
    public (Tensor Images, int[] Labels) Batch(ReadOnlySpan<int> indices) => Batch(indices, null);

    /// <summary>The examples at <paramref name="indices"/> as a batch, gathered into <paramref name="reuse"/> when its shape fits.</summary>
    public (Tensor Images, int[] Labels) Batch(ReadOnlySpan<int> indices, Tensor? reuse)
    {
        var labels = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++) labels[i] = Labels[indices[i]];
        return (Images.Gather(indices, reuse), labels);
    }
}
