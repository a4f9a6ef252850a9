namespace RobustLab.Web.Services.Lab;

/// <summary>What the browser checks before it decodes an upload: the file's bytes and (from its header) its pixel dimensions.</summary>
public static class UploadLimits
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxSide = 4096;

    /// <summary>Text from the browser made safe to show: control characters dropped, at most <paramref name="maxLength"/> characters.</summary>
    public static string DisplayName(string? text, int maxLength = 80)
    {
        var clean = new string((text ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (clean.Length == 0) return "upload";
        return clean.Length <= maxLength ? clean : clean[..(maxLength - 1)] + "…";
    }
}
