using RobustLab.Web.Services.Imaging;

namespace RobustLab.Tests.Web.Imaging;

public sealed class ColormapTests
{
    private static void AssertNear(Rgb expected, Rgb actual, int tolerance = 1) =>
        Assert.True(Math.Abs(expected.R - actual.R) <= tolerance && Math.Abs(expected.G - actual.G) <= tolerance && Math.Abs(expected.B - actual.B) <= tolerance,
            $"expected {expected.Hex}, got {actual.Hex}");

    private static bool WhiteIsh(Rgb c) => c.R >= 0xF0 && c.G >= 0xF0 && c.B >= 0xF0;

    [Fact]
    public void Greys_runs_linearly_from_white_to_black()
    {
        Assert.Equal(new Rgb(255, 255, 255), Colormap.Greys.Interpolate(0));
        Assert.Equal(new Rgb(0, 0, 0), Colormap.Greys.Interpolate(1));
        AssertNear(new Rgb(128, 128, 128), Colormap.Greys.Interpolate(0.5));
        Assert.True(Colormap.Greys.IsGrey);
    }

    [Fact]
    public void Reds_starts_white_ish_and_ends_dark_red()
    {
        Assert.True(WhiteIsh(Colormap.Reds.Interpolate(0)));
        var end = Colormap.Reds.Interpolate(1);
        Assert.Equal(Rgb.Parse("#67000d"), end);
        Assert.True(end.R > 3 * end.G && end.R > 3 * end.B, "dark red");
        Assert.False(Colormap.Reds.IsGrey);
        // Monotone: darker (smaller channel sum) as t grows.
        int Sum(Rgb c) => c.R + c.G + c.B;
        for (int i = 1; i <= 20; i++) Assert.True(Sum(Colormap.Reds.Interpolate(i / 20.0)) < Sum(Colormap.Reds.Interpolate((i - 1) / 20.0)));
    }

    [Fact]
    public void RdBu_is_white_at_the_centre_red_below_and_blue_above()
    {
        Assert.True(WhiteIsh(Colormap.RdBu.Interpolate(0.5)));
        var low = Colormap.RdBu.Interpolate(0);
        var high = Colormap.RdBu.Interpolate(1);
        Assert.True(low.R > low.B + 50, $"low end is red: {low.Hex}");
        Assert.True(high.B > high.R + 50, $"high end is blue: {high.Hex}");
        // Symmetric lightness around the centre (ColorBrewer's diverging design).
        var a = Colormap.RdBu.Interpolate(0.3);
        var b = Colormap.RdBu.Interpolate(0.7);
        Assert.True(Math.Abs((a.R + a.G + a.B) - (b.R + b.G + b.B)) < 60);
    }

    [Fact]
    public void Interpolate_clamps_and_hits_the_stops_exactly()
    {
        Assert.Equal(Colormap.Reds.Interpolate(0), Colormap.Reds.Interpolate(-3));
        Assert.Equal(Colormap.Reds.Interpolate(1), Colormap.Reds.Interpolate(7));
        Assert.Equal(Colormap.Reds.Interpolate(0), Colormap.Reds.Interpolate(double.NaN));
        for (int i = 0; i < Colormap.RdBu.Stops.Count; i++)
            Assert.Equal(Colormap.RdBu.Stops[i], Colormap.RdBu.Interpolate(i / (Colormap.RdBu.Stops.Count - 1.0)));
    }

    [Fact]
    public void Map_puts_zero_of_a_symmetric_range_on_white_and_the_ends_on_the_end_colours()
    {
        var rgb = new byte[9];
        Colormap.RdBu.Map([-0.3f, 0f, 0.3f], -0.3f, 0.3f, rgb);
        AssertNear(Colormap.RdBu.Interpolate(0), new Rgb(rgb[0], rgb[1], rgb[2]));
        Assert.True(WhiteIsh(new Rgb(rgb[3], rgb[4], rgb[5])));
        AssertNear(Colormap.RdBu.Interpolate(1), new Rgb(rgb[6], rgb[7], rgb[8]));
    }

    [Fact]
    public void Map_with_an_empty_range_gives_the_low_colour()
    {
        var grey = new byte[2];
        Colormap.Greys.MapGrey([0.4f, float.NaN], 0.5f, 0.5f, grey);
        Assert.Equal([255, 255], grey);
    }

    [Fact]
    public void Css_gradient_lists_the_stops_low_end_first()
    {
        Assert.Equal("linear-gradient(to right, #ffffff, #000000)", Colormap.Greys.CssGradient());
        Assert.StartsWith("linear-gradient(to top, #fff5f0, ", Colormap.Reds.CssGradient("to top"));
    }
}
