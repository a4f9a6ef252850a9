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

    /// <summary>Why <paramref name="pixels"/> are no digit to attack — every pixel the same (all paper, or one grey) — or null when they vary.</summary>
    /// <remarks>
    /// A constant image has no digit to classify, and an all-zero one has ‖x‖₂ = 0, so ρ = ‖δ‖₂/‖x‖₂ is undefined. Drawings
    /// and uploads are refused with this message; MNIST test images are never constant.
    /// </remarks>
    public static string? BlankProblem(ReadOnlySpan<float> pixels)
    {
        if (pixels.IsEmpty) return "The image has no pixels.";
        float lo = System.Numerics.Tensors.TensorPrimitives.Min(pixels), hi = System.Numerics.Tensors.TensorPrimitives.Max(pixels);
        if (hi - lo >= BlankContrast) return null;
        return hi < BlankContrast
            ? "The image is blank (no ink at all): there is no digit to classify. Draw or upload a digit."
            : "The image is one flat grey (every pixel the same): there is no digit to classify. Draw or upload a digit.";
    }

    /// <summary>The smallest contrast (max − min of the pixels) of an image that is not blank: one 8-bit grey level.</summary>
    public const float BlankContrast = 1 / 255f;
}
