using RobustLab.Web.Services.Imaging;

namespace RobustLab.Tests.Web.Imaging;

public sealed class ColorScaleTests
{
    [Fact]
    public void Signed_scale_is_symmetric_with_zero_in_the_middle()
    {
        var scale = ColorScale.Signed(0.3f);
        Assert.Same(Colormap.RdBu, scale.Colormap);
        Assert.Equal((-0.3f, 0.3f), (scale.Lo, scale.Hi));
        Assert.Equal(["-0.3", "0", "0.3"], scale.Ticks.Select(t => t.Label));
        Assert.Equal(0.5, scale.Ticks[1].Position);
        Assert.Equal(["-1", "-0.5", "0", "0.5", "1"], ColorScale.Evenly(Colormap.RdBu, -1, 1, 5).Ticks.Select(t => t.Label));
    }

    [Fact]
    public void Magnitude_scale_starts_at_zero()
    {
        var scale = ColorScale.Magnitude(2.5f);
        Assert.Same(Colormap.Reds, scale.Colormap);
        Assert.Equal(["0", "1.25", "2.5"], scale.Ticks.Select(t => t.Label));
        Assert.Equal([0.0, 0.5, 1.0], scale.Ticks.Select(t => t.Position));
    }

    [Fact]
    public void Large_ranges_keep_their_zeros_and_empty_ranges_stay_drawable()
    {
        Assert.Equal(["0", "50", "100"], ColorScale.Magnitude(100).Ticks.Select(t => t.Label));
        var empty = ColorScale.Magnitude(0);
        Assert.True(empty.Hi > empty.Lo);
        Assert.Equal("0", empty.Ticks[0].Label);
    }
}
