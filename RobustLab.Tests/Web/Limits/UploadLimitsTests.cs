using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RobustLab.Web.Components.Lab;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Limits;

namespace RobustLab.Tests.Web.Limits;

// Upload bytes and pixel dimensions are settings: the upload box shows the ones in force (and hands them to its
// JavaScript module, which checks a file before decoding it), and the server refuses reported dimensions past them.
public sealed class UploadLimitsTests
{
    [Theory]
    [InlineData(28, 28, 4096, null)]
    [InlineData(4096, 1, 4096, null)]
    [InlineData(4097, 10, 4096, "The image is 4097×10 pixels; the limit is 4096×4096.")]
    [InlineData(0, 10, 4096, "The image is 0×10 pixels; the limit is 4096×4096.")]
    [InlineData(10, -3, 4096, "The image is 10×-3 pixels; the limit is 4096×4096.")]
    public void Dimensions_are_checked_against_the_side_limit(int width, int height, int maxSide, string? problem) =>
        Assert.Equal(problem, UploadLimits.CheckDimensions(width, height, maxSide));

    [Fact]
    public async Task The_upload_box_shows_the_configured_limits()
    {
        await using (var context = new Bunit.BunitContext())
        {
            context.JSInterop.Mode = Bunit.JSRuntimeMode.Loose; // the box's module import
            context.Services.AddSingleton(Options.Create(new LimitsOptions { UploadBytes = 3 * 1024 * 1024 / 2, UploadSide = 2000 }));
            Assert.Contains("up to 1.5 MB and 2000×2000 pixels", context.Render<ImageUpload>().Markup);
        }
        await using (var context = new Bunit.BunitContext())
        {
            context.JSInterop.Mode = Bunit.JSRuntimeMode.Loose;
            Assert.Contains("up to 5 MB and 4096×4096 pixels", context.Render<ImageUpload>().Markup);
        }
    }
}
