namespace RobustLab.Web.Services.Experiments;

/// <summary>What the Experiments list sorts by.</summary>
public enum ExperimentSort
{
    Created,
    Name,
    Kind,
    Status,
    Model,
    Attack,
    Defense,
    Duration,
}

/// <summary>A search of the experiments: every filter that is set must hold (all in SQL).</summary>
/// <param name="Text">Words found (case-insensitive, anywhere) in the name, note, description, models, attack, defense or knob; all words must occur.</param>
/// <param name="Kind">One of <see cref="ExperimentKind.All"/>.</param>
/// <param name="Model">A model name the experiment used (exact, case-insensitive).</param>
/// <param name="Attack">Text in the attack column ("pgd" matches "pgd L∞").</param>
/// <param name="Defense">Text in the defense column ("jumprelu", "smoothing").</param>
/// <param name="Status">One of <see cref="ExperimentStatus.All"/>.</param>
/// <param name="From">Created at or after.</param>
/// <param name="To">Created before.</param>
/// <param name="Limit">At most this many rows (1 to <see cref="MaxLimit"/>).</param>
public sealed record ExperimentQuery(
    string? Text = null,
    string? Kind = null,
    string? Model = null,
    string? Attack = null,
    string? Defense = null,
    string? Status = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    ExperimentSort Sort = ExperimentSort.Created,
    bool Descending = true,
    int Limit = 1000,
    int Offset = 0)
{
    public const int MaxLimit = 10_000;

    public static ExperimentQuery All { get; } = new();
}
