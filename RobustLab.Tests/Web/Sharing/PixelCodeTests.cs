using System.Buffers.Text;
using System.IO.Compression;
using RobustLab.Web.Services.Sharing;

namespace RobustLab.Tests.Web.Sharing;

// A digit in a link: 8-bit pixels, deflated, base64url; exact for 8-bit pixels, and never a crash on a bad code.
public sealed class PixelCodeTests
{
    [Fact]
    public void An_mnist_digit_round_trips_exactly_in_a_few_hundred_characters()
    {
        var digit = Attacks.TrainedModel.MnistTest(1, offset: 7).Images.Data;
        Assert.True(PixelCode.IsQuantized(digit));
        var code = PixelCode.Encode(digit);
        Assert.InRange(code.Length, 50, 600);
        Assert.Matches("^[A-Za-z0-9_-]+$", code);
        Assert.Equal(digit, PixelCode.Decode(code, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void Any_pixels_are_quantised_to_bytes_and_noise_still_fits()
    {
        var rng = new Random(3);
        var noise = Enumerable.Range(0, 784).Select(_ => rng.NextSingle()).ToArray();
        Assert.False(PixelCode.IsQuantized(noise));
        var quantized = PixelCode.Quantize(noise);
        Assert.True(PixelCode.IsQuantized(quantized));
        Assert.All(noise.Zip(quantized), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 0.5 / 255 + 1e-6));
        var code = PixelCode.Encode(noise);
        Assert.InRange(code.Length, 900, PixelCode.MaxLength);
        Assert.Equal(quantized, PixelCode.Decode(code, out _));
        Assert.Equal(code, PixelCode.Encode(quantized));
    }

    [Theory]
    [InlineData("", "1 to 1200 characters")]
    [InlineData("!!!!", "not base64url")]
    [InlineData("AAAA", "holds 0 pixels")]
    [InlineData("_____w", "damaged")]
    public void A_bad_code_is_refused_with_a_reason(string code, string reason)
    {
        Assert.Null(PixelCode.Decode(code, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_code_that_inflates_to_more_or_fewer_pixels_is_refused()
    {
        Assert.Contains("more than 784", Code(new byte[100_000]) is var big && PixelCode.Decode(big, out var e1) is null ? e1 : "decoded");
        Assert.Contains("holds 783 pixels", PixelCode.Decode(Code(new byte[783]), out var e2) is null ? e2 : "decoded");
        Assert.Contains("1 to 1200", PixelCode.Decode(new string('A', 5000), out var e3) is null ? e3 : "decoded");
    }

    private static string Code(byte[] bytes)
    {
        using var packed = new MemoryStream();
        using (var deflate = new DeflateStream(packed, CompressionLevel.SmallestSize, leaveOpen: true)) deflate.Write(bytes);
        return Base64Url.EncodeToString(packed.ToArray());
    }
}
