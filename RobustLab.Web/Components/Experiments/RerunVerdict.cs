using System.Globalization;
using RobustLab.Web.Services.Experiments;

namespace RobustLab.Web.Components.Experiments;

/// <summary>How the page words a re-run: its verdict and the numbers of the differences table.</summary>
public static class RerunVerdict
{
    /// <summary>Rows of the differences table (the rest are counted below it).</summary>
    public const int MaxRows = 200;

    /// <summary>The comparison's summary ("All 12 points match exactly."), or why there is none.</summary>
    public static string Of(RerunOutcome outcome) => outcome.Comparison switch
    {
        { } comparison when outcome.Status is { State: not Services.Jobs.JobState.Completed } status && !comparison.Matches =>
            $"The re-run ended early ({status.State.ToString().ToLowerInvariant()}): {Lower(comparison.Summary)}",
        { } comparison => comparison.Summary,
        null => "There is nothing to compare: the re-run did not start.",
    };

    /// <summary>A value to eight significant digits (stored values are float32: eight tell any two apart); "—" when absent.</summary>
    public static string Number(double? value) => value is { } v ? v.ToString("G8", CultureInfo.InvariantCulture) : "—";

    /// <summary>Re-run minus stored, signed; "—" when either is absent.</summary>
    public static string Difference(double? stored, double? rerun) =>
        stored is { } s && rerun is { } r ? (r - s).ToString("+0.########;-0.########;0", CultureInfo.InvariantCulture) : "—";

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
