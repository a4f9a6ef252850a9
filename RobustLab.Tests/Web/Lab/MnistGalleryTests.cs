using RobustLab.Web.Services.Lab;

namespace RobustLab.Tests.Web.Lab;

public sealed class MnistGalleryTests
{
    private static readonly int[] Labels = [7, 2, 1, 0, 4, 1, 4, 9, 5, 9];
    private static readonly int[] Predictions = [7, 2, 1, 0, 4, 1, 4, 4, 6, 9];

    [Fact]
    public void Filters_by_digit_and_by_mistakes()
    {
        Assert.Equal(Enumerable.Range(0, 10), MnistGallery.Filter(Labels, null, false, null));
        Assert.Equal([4, 6], MnistGallery.Filter(Labels, 4, false, null));
        Assert.Equal([7, 8], MnistGallery.Filter(Labels, null, true, Predictions));
        Assert.Equal([7], MnistGallery.Filter(Labels, 9, true, Predictions));
        Assert.Empty(MnistGallery.Filter(Labels, 3, false, null));
    }

    [Fact]
    public void Mistakes_need_predictions_for_every_image() =>
        Assert.Throws<ArgumentException>(() => MnistGallery.Filter(Labels, null, true, [1, 2]));

    [Fact]
    public void Pages_are_clamped()
    {
        var indices = Enumerable.Range(100, 50).ToArray();
        Assert.Equal(3, MnistGallery.PageCount(50));
        Assert.Equal(Enumerable.Range(100, 24), MnistGallery.Page(indices, 0));
        Assert.Equal(Enumerable.Range(148, 2), MnistGallery.Page(indices, 2));
        Assert.Equal(Enumerable.Range(148, 2), MnistGallery.Page(indices, 99));
        Assert.Equal(Enumerable.Range(100, 24), MnistGallery.Page(indices, -1));
        Assert.Equal(0, MnistGallery.Page([], 0).Count);
        Assert.Equal(1, MnistGallery.PageCount(0));
    }

    [Fact]
    public void Random_picks_from_the_filtered_images()
    {
        var rng = new Random(1);
        for (int i = 0; i < 20; i++) Assert.Contains(MnistGallery.Random([3, 5, 8], rng)!.Value, new[] { 3, 5, 8 });
        Assert.Null(MnistGallery.Random([], rng));
    }
}
