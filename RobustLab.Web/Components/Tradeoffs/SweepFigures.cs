using RobustLab.Engine.Catalog;
using RobustLab.Engine.Sweeps;
using RobustLab.Web.Components.Plots;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Web.Components.Tradeoffs;

/// <summary>The Trade-offs plots as plotly figures: curves against the knob (rates on the left axis, perturbation sizes on a
/// second axis on the right, as JumpReLU Fig. 4) or the gray-box transfer matrix as a heatmap with values (JumpReLU Fig. 7).</summary>
public static class SweepFigures
{
    /// <summary>One curve: the series it belongs to and the measurement it draws.</summary>
    public sealed record Curve(int Series, PlotMeasure Measure);

    /// <summary>The curves of <paramref name="view"/> in trace order: per series, its measurements in legend order.</summary>
    public static IReadOnlyList<Curve> Curves(PlotView view) =>
        [.. view.Series.SelectMany((s, i) => PlotMeasure.In(s.Measures).Select(m => new Curve(i, m)))];

    /// <summary>Curves with every point of <paramref name="view"/> so far; later points extend them (trace order of <see cref="Curves"/>).</summary>
    public static PlotFigure Lines(PlotView view)
    {
        var knob = SweepKnobs.Get(view.Knob ?? SweepKnobs.Epsilon);
        var curves = Curves(view);
        bool anyRate = curves.Count == 0 || curves.Any(c => c.Measure.Rate), twoAxes = anyRate && curves.Any(c => !c.Measure.Rate);
        bool several = view.Series.Count > 1;
        var traces = curves.Select(c =>
        {
            var series = view.Series[c.Series];
            string color = SweepPalette.Color(series.Color), dash = SweepPalette.Dash(series.Color, c.Measure.Dash);
            var (markerSize, lineWidth) = SweepPalette.Stroke(c.Series, view.Series.Count);
            string name = several ? $"{series.Name} · {c.Measure.Label}" : c.Measure.Label;
            return (PlotTrace)new ScatterTrace
            {
                Name = name,
                X = [.. series.Points.Select(p => p.Value ?? double.NaN)],
                Y = [.. series.Points.Select(p => Y(c.Measure, p))],
                YAxis = twoAxes && !c.Measure.Rate ? "y2" : null,
                Line = new PlotLine(color, lineWidth, dash),
                Marker = new PlotMarker(color, markerSize, c.Measure.Symbol),
                HoverTemplate = $"{Escape(name)}<br>{knob.Symbol} = %{{x:.6~g}}<br>{Escape(c.Measure.Label)}: %{{y:{(c.Measure.Rate ? ".4~%" : ".6~g")}}}<extra></extra>",
                ShowLegend = true,
            };
        }).ToArray();
        var rates = curves.Where(c => c.Measure.Rate).Select(c => c.Measure).Distinct().ToArray();
        var sizes = curves.Where(c => !c.Measure.Rate).Select(c => c.Measure).Distinct().ToArray();
        var rateAxis = PlotAxis.Titled(rates.All(m => m.Flag is PlotMeasures.CleanAccuracy or PlotMeasures.AdversarialAccuracy) ? "accuracy" : "fraction of test images")
            with { Range = [0, 1.02], TickFormat = ".0%" };
        var sizeTitle = sizes.All(m => m.Flag is PlotMeasures.RhoL2 or PlotMeasures.RhoLinf) ? "ρ (relative perturbation)" : "perturbation (ρ, mean ‖δ‖)";
        return new PlotFigure(traces, new PlotLayout
        {
            Title = Subtitle(view.Description),
            XAxis = view.Knob is null ? new PlotAxis { Range = [0, 1] } : XAxis(view, knob), // an empty plot names no knob
            YAxis = anyRate ? rateAxis : PlotAxis.Titled(sizeTitle) with { RangeMode = "tozero" },
            // NOTE: the second axis gets its own round ticks ("auto"); synced to the accuracy grid they would read 0.0521, 0.1043, ….
            YAxis2 = twoAxes ? PlotAxis.Secondary(sizeTitle) with { RangeMode = "tozero", TickMode = "auto" } : null,
            Legend = new PlotLegend("h", 0, -0.22),
            Margin = new PlotMargin(L: 60, R: twoAxes ? 70 : 30, T: 40, B: 40),
            UiRevision = $"lines-{view.Structure}",
        });
    }

    /// <summary>The transfer matrix: cell (source row, target column) = the measurement on the target model, blank until computed.</summary>
    public static PlotFigure Matrix(PlotView view)
    {
        var knob = SweepKnobs.Get(view.Knob ?? SweepKnobs.Kappa);
        var sources = view.SourceValues ?? [];
        var series = view.Series.Count > 0 ? view.Series[0] : null;
        var measure = MatrixMeasure(series?.Measures ?? PlotMeasures.AdversarialAccuracy);
        var z = sources.Select(_ => view.Values.Select(_ => double.NaN).ToArray()).ToArray();
        foreach (var p in series?.Points ?? [])
        {
            int row = p.Index / Math.Max(1, view.Values.Count), column = p.Index % Math.Max(1, view.Values.Count);
            if (row < z.Length) z[row][column] = Y(measure, p);
        }
        return new PlotFigure(
        [
            new HeatmapTrace
            {
                Name = measure.Label,
                Z = z,
                X = [.. view.Values.Select(v => Knob.FormatNumber(v))],
                Y = [.. sources.Select(v => Knob.FormatNumber(v))],
                TextTemplate = measure.Rate ? "%{z:.1%}" : "%{z:.3f}",
                // NOTE: plotly's scales run dark to light; reversed, higher (more robust) cells are darker, and the yellow-green
                // middle keeps 60 % and 90 % apart, which a single hue does not.
                Colorscale = "YlGnBu",
                ReverseScale = true,
                ZMin = measure.Rate ? 0 : null,
                ZMax = measure.Rate ? 1 : null,
                // The colour bar reads like the cells: in percent for rates.
                ColorBar = new PlotColorBar(new PlotTitle(measure.Label), measure.Rate ? ".0%" : null),
                HoverTemplate = $"source {knob.Symbol} = %{{y}}<br>target {knob.Symbol} = %{{x}}<br>{Escape(measure.Label)}: %{{z:{(measure.Rate ? ".4~%" : ".6~g")}}}<extra></extra>",
            },
        ],
        new PlotLayout
        {
            Title = Subtitle(view.Description),
            XAxis = PlotAxis.Titled($"target {knob.Symbol}: the model measured") with { Type = "category" },
            YAxis = PlotAxis.Titled($"source {knob.Symbol}: the model attacked") with { Type = "category" },
            Margin = new PlotMargin(L: 80, R: 30, T: 40, B: 60),
            UiRevision = $"matrix-{view.Structure}",
        });
    }

    /// <summary>The measurement a matrix shows: adversarial accuracy when measured, else the first one.</summary>
    public static PlotMeasure MatrixMeasure(PlotMeasures measures) =>
        (measures & PlotMeasures.AdversarialAccuracy) != 0 || measures == PlotMeasures.None
            ? PlotMeasure.Of(PlotMeasures.AdversarialAccuracy)
            : PlotMeasure.In(measures)[0];

    /// <summary>The y value of a point (NaN, a gap, when undefined there).</summary>
    public static double Y(PlotMeasure measure, SweepPoint point) => measure.Read(point) is { } v ? v : double.NaN;

    private static PlotAxis XAxis(PlotView view, SweepKnob knob)
    {
        var axis = PlotAxis.Titled(knob.AxisTitle(view.Norm));
        if (view.Values.Count == 0) return axis;
        double min = view.Values.Min(), max = view.Values.Max();
        // Counts spanning a decade or more (iterations 1…100, samples 4…256) read better on a log axis.
        if (knob.Integer && min >= 1 && max / min >= 10) return axis with { Type = "log" };
        double pad = max > min ? (max - min) * 0.04 : Math.Max(Math.Abs(min) * 0.1, 0.1);
        return axis with { Range = [min - pad, max + pad] }; // the whole run's extent from the start, so points fill it in
    }

    /// <summary>Characters of a title line: about the width of the plot at 13 px on a 1280-px screen; plotly never wraps a title.</summary>
    public const int TitleWidth = 100;

    // The run's description as a small title (plotly titles take a subset of HTML), wrapped between its " · " parts.
    private static PlotTitle? Subtitle(string? description) =>
        description is null ? null : new PlotTitle($"<span style=\"font-size:13px\">{string.Join("<br>", Wrap(description).Select(Escape))}</span>");

    /// <summary>Lines of at most <see cref="TitleWidth"/> characters, broken after a " · " (a part longer than that stays whole).</summary>
    public static IReadOnlyList<string> Wrap(string text)
    {
        const string separator = " · ";
        var lines = new List<string>();
        string line = "";
        foreach (var part in text.Split(separator))
        {
            if (line.Length > 0 && line.Length + separator.Length + part.Length > TitleWidth)
            {
                lines.Add(line + " ·");
                line = part;
            }
            else line = line.Length == 0 ? part : line + separator + part;
        }
        lines.Add(line);
        return lines;
    }

    // plotly reads <, > and & in titles and hover text as markup; nothing else needs escaping.
    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
