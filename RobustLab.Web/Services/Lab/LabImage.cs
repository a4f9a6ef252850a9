namespace RobustLab.Web.Services.Lab;

/// <summary>The image under attack: 28×28 ink values in [0,1] (row-major, never modified), its label when known, and its origin.</summary>
/// <param name="Label">The true class (MNIST); null for drawings and uploads, which the Lab labels with the undefended model's prediction.</param>
/// <param name="TestIndex">The MNIST test-set index, for gallery images.</param>
public sealed record LabImage(float[] Pixels, int? Label, ImageSource Source, string Description, int? TestIndex = null)
{
    public const int Side = 28;

    public static LabImage Validated(float[] pixels, int? label, ImageSource source, string description, int? testIndex = null)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != Side * Side) throw new ArgumentException($"An image has {Side * Side} pixels, got {pixels.Length}.");
        foreach (float v in pixels)
            if (!(v >= 0 && v <= 1)) throw new ArgumentException($"Pixels must be in [0,1], got {v}.");
        if (label is < 0 or > 9) throw new ArgumentException($"A digit label is 0–9, got {label}.");
        return new LabImage(pixels, label, source, description, testIndex);
    }
}
