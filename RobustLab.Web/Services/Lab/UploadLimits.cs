namespace RobustLab.Web.Services.Lab;

/// <summary>
/// Upload checks. The limits themselves are settings (RobustLab:Limits:UploadBytes and UploadSide): the browser checks the
/// file's bytes and (from its header) its pixel dimensions before it decodes it; the file never reaches the server, which
/// checks the dimensions the browser reports again (<see cref="CheckDimensions"/>) and the 28×28 pixels it sends.
/// </summary>
public static class UploadLimits
{
    /// <summary>Why an image of <paramref name="width"/>×<paramref name="height"/> pixels is refused, or null when its sides are within 1…<paramref name="maxSide"/>.</summary>
    public static string? CheckDimensions(int width, int height, int maxSide) =>
        width < 1 || height < 1 || width > maxSide || height > maxSide
            ? $"The image is {width}×{height} pixels; the limit is {maxSide}×{maxSide}."
            : null;

    /// <summary>Text from the browser made safe to show: control characters dropped, at most <paramref name="maxLength"/> characters.</summary>
    public static string DisplayName(string? text, int maxLength = 80)
    {
        var clean = new string((text ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (clean.Length == 0) return "upload";
        return clean.Length <= maxLength ? clean : clean[..(maxLength - 1)] + "…";
    }
}
