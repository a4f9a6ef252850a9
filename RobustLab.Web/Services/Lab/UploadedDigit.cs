namespace RobustLab.Web.Services.Lab;

/// <summary>Checks the 28×28 grey pixels the browser made from an uploaded PNG/JPEG and turns them into MNIST's convention.</summary>
/// <remarks>
/// The browser decodes the file (after checking its byte size and, from the header, its dimensions), draws it
/// into a 28×28 canvas and sends luminance bytes; nothing it sends is trusted. MNIST digits are light ink on a
/// dark field, so a picture with a light border (a dark digit on paper) is inverted.
/// </remarks>
public static class UploadedDigit
{
    public const int Size = DigitNormalizer.Size;

    /// <summary>
    /// What the upload component's JS-invokable method receives, checked as a whole: the 28×28 grey bytes, their stated
    /// size, the file's name and its original dimensions (from its header, at most <paramref name="maxSide"/> a side).
    /// Nothing from the browser is trusted.
    /// </summary>
    /// <exception cref="ArgumentException">Anything is off (also: the image is blank, see <see cref="LabImage.BlankProblem"/>); the message says what, in words a page can show.</exception>
    public static LabImage ToLabImage(byte[]? grey, int width, int height, string? name, int originalWidth, int originalHeight, int maxSide)
    {
        if (UploadLimits.CheckDimensions(originalWidth, originalHeight, maxSide) is { } tooLarge) throw new ArgumentException(tooLarge);
        if (grey is null) throw new ArgumentException("The upload arrived without pixels.");
        var pixels = FromGrey(grey, width, height);
        if (LabImage.BlankProblem(pixels) is { } blank) throw new ArgumentException(blank);
        return LabImage.Validated(pixels, null, ImageSource.Upload,
            $"{UploadLimits.DisplayName(name)} ({originalWidth}×{originalHeight})");
    }

    /// <summary>grey [28·28] row-major, 0 = black … 255 = white → ink values in [0,1] (inverted when the border is light).</summary>
    /// <exception cref="ArgumentException">The image is not 28×28 or the pixel count does not match.</exception>
    public static float[] FromGrey(ReadOnlySpan<byte> grey, int width, int height)
    {
        if (width != Size || height != Size)
            throw new ArgumentException($"An uploaded image must arrive as {Size}×{Size} pixels, got {width}×{height}.");
        if (grey.Length != Size * Size)
            throw new ArgumentException($"A {Size}×{Size} image has {Size * Size} pixels, got {grey.Length}.");
        bool invert = BorderMean(grey) > 127.5;
        var digit = new float[Size * Size];
        for (int i = 0; i < digit.Length; i++) digit[i] = (invert ? 255 - grey[i] : grey[i]) / 255f;
        return digit;
    }

    /// <summary>The mean of the outermost ring of pixels.</summary>
    public static double BorderMean(ReadOnlySpan<byte> grey)
    {
        long sum = 0;
        int count = 0;
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
            {
                if (y != 0 && y != Size - 1 && x != 0 && x != Size - 1) continue;
                sum += grey[y * Size + x];
                count++;
            }
        return (double)sum / count;
    }
}
