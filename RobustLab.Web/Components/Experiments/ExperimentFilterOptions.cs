using RobustLab.Web.Services.Experiments;

namespace RobustLab.Web.Components.Experiments;

/// <summary>The choices of the list's filter menus: the values that occur in the stored experiments, sorted.</summary>
public sealed record ExperimentFilterOptions(IReadOnlyList<string> Models, IReadOnlyList<string> Attacks, IReadOnlyList<string> Defenses)
{
    public static ExperimentFilterOptions Empty { get; } = new([], [], []);

    public static ExperimentFilterOptions From(IEnumerable<ExperimentSummary> experiments)
    {
        var all = experiments.ToArray();
        return new(Distinct(all.SelectMany(e => e.Models)), Distinct(all.Select(e => e.Attack)), Distinct(all.Select(e => e.Defense)));
    }

    private static IReadOnlyList<string> Distinct(IEnumerable<string?> values) =>
        [.. values.OfType<string>().Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
}
