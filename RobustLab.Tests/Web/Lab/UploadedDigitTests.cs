using RobustLab.Web.Services.Lab;

namespace RobustLab.Tests.Web.Lab;

public sealed class UploadedDigitTests
{
    [Fact]
    public void Light_digits_on_black_are_kept_as_they_are()
    {
        var grey = new byte[784];
        grey[14 * 28 + 14] = 255;
        grey[14 * 28 + 15] = 51;
        var digit = UploadedDigit.FromGrey(grey, 28, 28);
        Assert.Equal(1f, digit[14 * 28 + 14]);
        Assert.Equal(0.2f, digit[14 * 28 + 15], 5);
        Assert.Equal(0f, digit[0]);
    }

    [Fact]
    public void Dark_digits_on_paper_are_inverted()
    {
        var grey = Enumerable.Repeat((byte)250, 784).ToArray();
        grey[14 * 28 + 14] = 0;
        var digit = UploadedDigit.FromGrey(grey, 28, 28);
        Assert.Equal(1f, digit[14 * 28 + 14]);
        Assert.Equal(5 / 255f, digit[0], 5);
    }

    [Theory]
    [InlineData(28, 28, 783)]
    [InlineData(32, 32, 1024)]
    [InlineData(28, 27, 756)]
    public void Anything_but_28_by_28_is_rejected(int width, int height, int length) =>
        Assert.Throws<ArgumentException>(() => UploadedDigit.FromGrey(new byte[length], width, height));
}
