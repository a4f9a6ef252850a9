namespace RobustLab.Web.Services.Lab;

/// <summary>Picks test images for the Lab's gallery: by digit, only those the model gets wrong, a page at a time, or at random.</summary>
public static class MnistGallery
{
    public const int PageSize = 24;

    /// <summary>Indices of the test images with label <paramref name="digit"/> (any when null) that, when <paramref name="wrongOnly"/>, the model misclassifies.</summary>
    /// <param name="predictions">The model's prediction per test image; required when <paramref name="wrongOnly"/>.</param>
    public static int[] Filter(IReadOnlyList<int> labels, int? digit, bool wrongOnly, IReadOnlyList<int>? predictions)
    {
        if (wrongOnly && (predictions is null || predictions.Count != labels.Count))
            throw new ArgumentException("Filtering by mistakes needs one prediction per test image.");
        var result = new List<int>();
        for (int i = 0; i < labels.Count; i++)
        {
            if (digit is { } d && labels[i] != d) continue;
            if (wrongOnly && predictions![i] == labels[i]) continue;
            result.Add(i);
        }
        return [.. result];
    }

    /// <summary>Page <paramref name="page"/> (clamped to the pages there are) of <paramref name="indices"/>.</summary>
    public static ArraySegment<int> Page(int[] indices, int page)
    {
        int start = ClampPage(page, indices.Length) * PageSize;
        return new ArraySegment<int>(indices, start, Math.Min(PageSize, indices.Length - start));
    }

    public static int ClampPage(int page, int count) => Math.Clamp(page, 0, PageCount(count) - 1);

    public static int PageCount(int count) => Math.Max(1, (count + PageSize - 1) / PageSize);

    /// <summary>One of <paramref name="indices"/> drawn with <paramref name="rng"/>, or null when there are none.</summary>
    public static int? Random(int[] indices, Random rng) => indices.Length == 0 ? null : indices[rng.Next(indices.Length)];
}
