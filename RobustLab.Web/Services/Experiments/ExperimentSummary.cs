namespace RobustLab.Web.Services.Experiments;

/// <summary>One row of the Experiments list: everything but the configuration, results and points.</summary>
/// <param name="Name">The user's name for it ("" until given; <see cref="Title"/> falls back to the description).</param>
/// <param name="StatusMessage">Why it failed, was cancelled or interrupted.</param>
/// <param name="Models">The models it used, the main one first.</param>
/// <param name="Attack">The attack ("fgsm L∞", "" without one).</param>
/// <param name="Defense">The test-time defense or training mode ("jumprelu:1 + smoothing σ=0.25", "" without one).</param>
/// <param name="Knob">The swept knob (sweeps), "" otherwise.</param>
/// <param name="Examples">Test images (sweeps), training examples (training).</param>
/// <param name="Description">One line that says what ran.</param>
/// <param name="Imported">When it was imported from a file (null: recorded here).</param>
public sealed record ExperimentSummary(
    long Id,
    string Kind,
    string Name,
    string Note,
    string Status,
    string? StatusMessage,
    DateTimeOffset Created,
    DateTimeOffset? Started,
    DateTimeOffset? Ended,
    IReadOnlyList<string> Models,
    string Attack,
    string Defense,
    string Knob,
    int? Seed,
    int? Examples,
    string Description,
    int PointCount,
    string SoftwareVersion,
    DateTimeOffset? Imported)
{
    /// <summary>Run time: from start to end (null while running or when it never started).</summary>
    public TimeSpan? Duration => Started is { } s && Ended is { } e ? e - s : null;

    /// <summary>The name, else "#id description".</summary>
    public string Title => Name.Length > 0 ? Name : $"#{Id} {Description}";
}
