using System.Globalization;
using RobustLab.Engine.Catalog;

namespace RobustLab.Tests.Catalog;

// Number boxes never silently change what was typed (issue 9): a decimal comma, exponents, whole numbers, clamping that says so.
public sealed class NumberTextTests
{
    private static readonly Knob Epsilon = AttackKnobs.EpsilonLinf, Seed = CommonKnobs.Seed;
    private static readonly Knob Images = new("examples", "N", "training images", 1, 1_000_000, 10_000, 1, "How many images.") { Integer = true };

    [Theory]
    [InlineData("0.2", 0.2)]
    [InlineData("0,2", 0.2)]   // was 1: the comma was dropped ("02") and the value clamped
    [InlineData("2e-1", 0.2)]  // was 0
    [InlineData(" .25 ", 0.25)]
    [InlineData("−0", 0)]      // U+2212
    public void Decimal_commas_and_exponents_are_numbers(string text, double value)
    {
        var reading = NumberText.Read(text, Epsilon);
        Assert.Equal(value, reading.Value);
        Assert.Null(reading.Message);
    }

    [Fact]
    public void The_browser_locales_separator_is_accepted()
    {
        // NOTE: the tests run in globalization-invariant mode, so a comma locale is made by hand.
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        Assert.Equal(0.2, NumberText.Read("0,2", Epsilon, comma).Value);
        Assert.Equal(0.125, NumberText.Read("0,125", Epsilon, comma).Value); // three decimals: a decimal comma in this locale
        Assert.Null(NumberText.Read("0,2.5", Epsilon, comma).Value);
        Assert.Contains("',' or '.'", NumberText.Read("x", Epsilon, comma).Message);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0.2x")]
    [InlineData("1,000")] // a thousands separator or a decimal comma: not guessed
    [InlineData("1.2.3")]
    [InlineData("NaN")]
    [InlineData("1e400")]
    [InlineData("")]
    public void Other_text_is_rejected_with_a_message_not_stripped(string text)
    {
        var reading = NumberText.Read(text, Epsilon);
        Assert.True(reading.Rejected);
        Assert.Contains("ε", reading.Message);
    }

    [Fact]
    public void A_whole_number_knob_refuses_fractions()
    {
        var seed = NumberText.Read("3.7", Seed); // was 37
        Assert.True(seed.Rejected);
        Assert.Equal("seed takes whole numbers, got 3.7; seed is unchanged.", seed.Message);
        Assert.Equal(37, NumberText.Read("37", Seed).Value);
    }

    [Fact]
    public void A_clamped_value_says_so()
    {
        var images = NumberText.Read("1e9", Images); // was 19
        Assert.Equal(1_000_000, images.Value);
        Assert.Equal("N set to 1000000, the maximum.", images.Message);
        var eps = NumberText.Read("2", Epsilon);
        Assert.Equal(1, eps.Value);
        Assert.Equal("ε set to 1, the maximum.", eps.Message);
        Assert.Equal("ε set to 0, the minimum.", NumberText.Read("-1", Epsilon).Message);
        Assert.Equal("ε set to 0.1235, rounded to 4 decimals.", NumberText.Read("0.123456", Epsilon).Message);
    }
}
