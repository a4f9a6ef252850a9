namespace RobustLab.Web.Services.Sharing;

/// <summary>The "RobustLab:Sharing" section of appsettings.json: how long the links of the Lab and the Trade-offs page may be.</summary>
public sealed class SharingOptions
{
    public const string Section = "RobustLab:Sharing";

    /// <summary>
    /// Longest query a page writes into its address. A drawn or uploaded digit that would make it longer stays out of the link
    /// (the page says so). 1,800 keeps a whole link under ~2,000 characters, which browsers, chat apps and mail keep intact.
    /// </summary>
    public int MaxLinkQueryLength { get; set; } = 1800;

    /// <summary>Longest query a page reads; a longer one is ignored as a whole, with a message.</summary>
    public int MaxQueryLength { get; set; } = 4096;

    /// <summary>Why the settings cannot be used, or null.</summary>
    public string? Problem() =>
        MaxLinkQueryLength is < 200 or > 8000 ? $"{Section}:MaxLinkQueryLength must be 200 to 8000, got {MaxLinkQueryLength}."
        : MaxQueryLength < MaxLinkQueryLength || MaxQueryLength > 16384
            ? $"{Section}:MaxQueryLength must be at least MaxLinkQueryLength ({MaxLinkQueryLength}) and at most 16384, got {MaxQueryLength}."
            : null;
}
