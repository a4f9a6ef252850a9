using RobustLab.Engine.Catalog;
using RobustLab.Engine.Sweeps;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Web.Components.Experiments;

/// <summary>Several stored sweeps on one plot: every series of every sweep, named after its experiment, on a shared knob axis.</summary>
/// <remarks>Only curves over the same knob can share an x axis (and, for ε, the same norm); a transfer matrix is a heatmap and overlays nothing.</remarks>
public static class SweepOverlay
{
    /// <summary>One sweep to overlay: its label in the legend ("#12" or its name) and its plot as stored.</summary>
    public sealed record Part(string Label, PlotView View);

    /// <summary>Null when <paramref name="parts"/> can share one plot, else why not (a sentence for the page).</summary>
    public static string? Check(IReadOnlyList<Part> parts)
    {
        if (parts.Count < 2) return "Pick at least two sweeps to overlay.";
        if (parts.FirstOrDefault(p => p.View.IsMatrix) is { } matrix) return $"{matrix.Label} is a transfer matrix; only curves can be overlaid.";
        var knobs = parts.Select(p => p.View.Knob).Distinct().ToArray();
        if (knobs.Length > 1) return $"Overlaid sweeps must turn the same knob; these turn {string.Join(", ", knobs.Select(k => k ?? "no knob"))}.";
        if (knobs[0] == SweepKnobs.Epsilon && parts.Select(p => p.View.Norm).Distinct().Count() > 1)
            return "Overlaid ε sweeps must measure ε in the same norm (L∞ or L2).";
        int series = parts.Sum(p => p.View.Series.Count);
        if (series > TradeoffsLimits.MaxSeriesOnPlot)
            return $"These sweeps have {series} series together; one plot shows at most {TradeoffsLimits.MaxSeriesOnPlot}.";
        return null;
    }

    /// <summary>One plot with every series of <paramref name="parts"/> (check with <see cref="Check"/> first), coloured in
    /// turn, on the union of the knob values. A series is named "label · series"; the parts of its name that every series
    /// shares ("lenet-like · kappa · pgd L∞") go once into the title instead, so the legend says only what differs.</summary>
    public static PlotView Combine(IReadOnlyList<Part> parts)
    {
        if (Check(parts) is { } problem) throw new ArgumentException(problem, nameof(parts));
        var first = parts[0].View;
        var shared = Shared(parts.SelectMany(p => p.View.Series.Select(s => s.Name)));
        var series = parts
            .SelectMany(p => p.View.Series.Select(s => s with { Name = string.Join(Separator, [p.Label, .. Tokens(s.Name).Where(t => !shared.Contains(t))]) }))
            .Select((s, i) => s with { Color = i, Run = 1 }) // SweepPalette tells up to 60 series apart
            .ToArray();
        var values = parts.SelectMany(p => p.View.Values).Distinct().Order().ToArray();
        string title = string.Join(Separator, [$"Overlay of {string.Join(", ", parts.Select(p => p.Label))}", .. Tokens(first.Series[0].Name).Where(shared.Contains)]);
        return new PlotView(1, first.Knob, first.Norm, values, null, title, series);
    }

    private const string Separator = " · ";

    private static string[] Tokens(string name) => name.Split(Separator);

    // The name parts that every series has.
    private static HashSet<string> Shared(IEnumerable<string> names)
    {
        HashSet<string>? shared = null;
        foreach (var name in names)
        {
            if (shared is null) shared = [.. Tokens(name)];
            else shared.IntersectWith(Tokens(name));
        }
        return shared ?? [];
    }
}
