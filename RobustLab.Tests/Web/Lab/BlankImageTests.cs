using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Sharing;
using RobustLab.Tests.Web.Sharing;

namespace RobustLab.Tests.Web.Lab;

// A blank image (all paper, or one flat grey) has no digit to classify and ‖x‖₂ = 0 makes ρ undefined: uploads and
// links refuse it with a message instead of classifying it.
public sealed class BlankImageTests
{
    [Fact]
    public void Constant_images_are_blank_and_one_grey_level_of_contrast_is_not()
    {
        Assert.Contains("no ink at all", LabImage.BlankProblem(new float[784]));
        Assert.Contains("one flat grey", LabImage.BlankProblem(Enumerable.Repeat(0.5f, 784).ToArray()));
        Assert.Contains("one flat grey", LabImage.BlankProblem(Enumerable.Repeat(1f, 784).ToArray()));
        var dot = new float[784];
        dot[400] = 1 / 255f;
        Assert.Null(LabImage.BlankProblem(dot));
    }

    [Theory]
    [InlineData(255)] // white paper: inverted to no ink at all
    [InlineData(0)]   // black: no ink
    [InlineData(128)] // one grey
    public void A_blank_upload_is_refused_with_a_message(byte grey)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            UploadedDigit.ToLabImage(Enumerable.Repeat(grey, 784).ToArray(), 28, 28, "blank.png", 280, 280, 4096));
        Assert.Contains("there is no digit to classify", e.Message);
    }

    [Fact]
    public void An_upload_with_a_digit_is_still_taken()
    {
        var grey = Enumerable.Repeat((byte)255, 784).ToArray();
        grey[14 * 28 + 14] = 0;
        var image = UploadedDigit.ToLabImage(grey, 28, 28, "dot.png", 28, 28, 4096);
        Assert.Equal(1f, image.Pixels[14 * 28 + 14]);
    }

    [Fact]
    public void A_link_with_a_blank_drawing_falls_back_to_the_default_image_and_says_why()
    {
        var state = new LabState();
        var messages = LabLink.Apply(LinkQuery.Parse("img=draw:" + PixelCode.Encode(new float[784]), 4096), state, LabLinkTests.Context());
        Assert.EndsWith(": the image is blank (every pixel the same); the default image is used.", Assert.Single(messages));
        Assert.Equal(ImageSource.Mnist, state.Image!.Source);
    }
}
