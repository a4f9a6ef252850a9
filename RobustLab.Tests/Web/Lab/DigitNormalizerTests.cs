using RobustLab.Web.Services.Lab;

namespace RobustLab.Tests.Web.Lab;

public sealed class DigitNormalizerTests
{
    private static byte[] Canvas(int width, int height, int left, int top, int w, int h, byte ink = 255)
    {
        var pixels = new byte[width * height];
        for (int y = top; y < top + h; y++)
            for (int x = left; x < left + w; x++) pixels[y * width + x] = ink;
        return pixels;
    }

    private static (double X, double Y) CentreOfMass(float[] digit)
    {
        double mass = 0, mx = 0, my = 0;
        for (int y = 0; y < 28; y++)
            for (int x = 0; x < 28; x++)
            {
                float v = digit[y * 28 + x];
                (mass, mx, my) = (mass + v, mx + v * (x + 0.5), my + v * (y + 0.5));
            }
        return (mx / mass, my / mass);
    }

    private static (int Width, int Height) InkBox(float[] digit)
    {
        var bytes = digit.Select(v => (byte)Math.Round(v * 255)).ToArray();
        Assert.True(DigitNormalizer.BoundingBox(bytes, 28, 28, out int l, out int t, out int r, out int b));
        return (r - l, b - t);
    }

    [Fact]
    public void A_square_in_a_corner_is_scaled_to_20_by_20_and_centred()
    {
        // 48 of the canvas's 112 pixels (43 %): MNIST's normalisation applies in full (no more than MaxGrowth×).
        var digit = DigitNormalizer.Normalize(Canvas(112, 112, 2, 3, 48, 48), 112, 112);
        Assert.NotNull(digit);
        Assert.Equal(784, digit.Length);
        var (cx, cy) = CentreOfMass(digit);
        Assert.InRange(cx, 13.5, 14.5);
        Assert.InRange(cy, 13.5, 14.5);
        Assert.Equal((20, 20), InkBox(digit));
        Assert.All(digit, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void A_tall_stroke_keeps_its_aspect_ratio_with_the_long_side_20()
    {
        // 20 wide, 80 tall in the bottom-right corner → 5×20.
        var digit = DigitNormalizer.Normalize(Canvas(200, 100, 175, 15, 20, 80), 200, 100)!;
        Assert.Equal((5, 20), InkBox(digit));
        var (cx, cy) = CentreOfMass(digit);
        Assert.InRange(cx, 13.5, 14.5);
        Assert.InRange(cy, 13.5, 14.5);
    }

    [Fact]
    public void A_dot_stays_a_dot_instead_of_a_20_by_20_blob()
    {
        // One pen width (DrawingPad: 1/11 of the canvas; ~10 of the 112 pixels sent) tapped in a corner: it grows
        // MaxGrowth× over the canvas's own scale (112 → 28), to 5×5, and is centred.
        var digit = DigitNormalizer.Normalize(Canvas(112, 112, 90, 8, 10, 10), 112, 112)!;
        Assert.Equal((5, 5), InkBox(digit));
        var (cx, cy) = CentreOfMass(digit);
        Assert.InRange(cx, 13.5, 14.5);
        Assert.InRange(cy, 13.5, 14.5);
        Assert.Equal(1f, digit[14 * 28 + 14], 3); // still full ink, not smeared
    }

    [Fact]
    public void A_small_digit_grows_by_at_most_the_limit_and_keeps_its_shape()
    {
        // A 16×32 stroke box on a 112 canvas would need 20/32 = 0.625 (2.5× the canvas's 0.25): it gets 0.5 → 8×16.
        var digit = DigitNormalizer.Normalize(Canvas(112, 112, 40, 40, 16, 32), 112, 112)!;
        Assert.Equal((8, 16), InkBox(digit));
        Assert.All(digit, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void Centre_of_mass_not_bounding_box_is_centred()
    {
        // A big blob at the top left and a small one at the bottom right: the mass sits up and left of the
        // box centre (by 10 canvas pixels = 2.5 digit pixels), so the 20×20 box moves right and down of the
        // centred position (top-left corner at 4, 4).
        const int n = 100;
        var pixels = Canvas(n, n, 10, 10, 40, 40);
        for (int y = 70; y < 90; y++)
            for (int x = 70; x < 90; x++) pixels[y * n + x] = 255;
        var digit = DigitNormalizer.Normalize(pixels, n, n)!;
        var (cx, cy) = CentreOfMass(digit);
        Assert.InRange(cx, 13.5, 14.5);
        Assert.InRange(cy, 13.5, 14.5);
        Assert.Equal((20, 20), InkBox(digit));
        int firstInkRow = Enumerable.Range(0, 28).First(y => Enumerable.Range(0, 28).Any(x => digit[y * 28 + x] > 0.1f));
        int firstInkColumn = Enumerable.Range(0, 28).First(x => Enumerable.Range(0, 28).Any(y => digit[y * 28 + x] > 0.1f));
        Assert.True(firstInkRow > 4, $"first ink row {firstInkRow}");
        Assert.True(firstInkColumn > 4, $"first ink column {firstInkColumn}");
    }

    [Fact]
    public void Shrinking_averages_the_area_so_half_ink_gives_half_grey()
    {
        // A 40×40 square of 50 % ink shrinks to 20×20 of 0.5.
        var digit = DigitNormalizer.Normalize(Canvas(64, 64, 12, 12, 40, 40, ink: 128), 64, 64)!;
        Assert.Equal(128 / 255f, digit[14 * 28 + 14], 3);
    }

    [Fact]
    public void An_empty_canvas_or_faint_specks_give_no_digit()
    {
        Assert.Null(DigitNormalizer.Normalize(new byte[64 * 64], 64, 64));
        Assert.Null(DigitNormalizer.Normalize(Canvas(64, 64, 5, 5, 3, 3, ink: DigitNormalizer.InkThreshold), 64, 64));
    }

    [Theory]
    [InlineData(0, 10, 0)]
    [InlineData(600, 10, 6000)]
    [InlineData(10, 10, 99)]
    public void Bad_sizes_are_rejected(int width, int height, int length) =>
        Assert.Throws<ArgumentException>(() => DigitNormalizer.Normalize(new byte[length], width, height));
}
