using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using PlotlyLayout = Plotly.Blazor.Layout;
using ScatterLine = Plotly.Blazor.Traces.ScatterLib.Line;
using ScatterMarker = Plotly.Blazor.Traces.ScatterLib.Marker;
using ScatterMode = Plotly.Blazor.Traces.ScatterLib.ModeFlag;
using MarkerSymbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum;
using HeatmapColorBar = Plotly.Blazor.Traces.HeatMapLib.ColorBar;
using HeatmapColorBarTitle = Plotly.Blazor.Traces.HeatMapLib.ColorBarLib.Title;

namespace RobustLab.Web.Components.Plots;

/// <summary>A <see cref="PlotFigure"/> as Plotly.Blazor's objects: the traces (<c>data</c>) and the <c>layout</c>.</summary>
/// <remarks>
/// NaN and ±∞ become null (plotly draws a gap, or an empty cell). Data arrays hold the doubles boxed (Plotly.Blazor's
/// <c>IList&lt;object&gt;</c>, in a growable list so that <c>ExtendTraces</c> can append to them); other numbers are
/// Plotly.Blazor's decimals. A title sits below the modebar's row, so the modebar never covers it.
/// </remarks>
public static class PlotlyFigure
{
    /// <summary>Height of the modebar's row at the top right of a chart, in pixels: a title starts below it.</summary>
    public const int ModeBarRow = 30;

    /// <summary>Height of one title line (plotly's 17 px title font), in pixels.</summary>
    public const int TitleLine = 22;

    /// <summary>The traces, in order.</summary>
    public static List<ITrace> Traces(PlotFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return [.. figure.Traces.Select(Trace)];
    }

    /// <summary>The layout; a title gets the room above the plot that it needs below the modebar's row.</summary>
    public static PlotlyLayout Layout(PlotFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var layout = figure.Layout;
        var margin = layout.Margin;
        if (layout.Title is { } title) margin = (margin ?? new PlotMargin()) with { T = Math.Max(margin?.T ?? 0, TitleTop(title)) };
        return new PlotlyLayout
        {
            Title = layout.Title is null ? null : Title(layout.Title),
            XAxis = layout.XAxis is null ? null : [XAxis(layout.XAxis)],
            YAxis = layout.YAxis is null && layout.YAxis2 is null ? null
                : [YAxis(layout.YAxis ?? new PlotAxis()), .. layout.YAxis2 is null ? Array.Empty<YAxis>() : [YAxis(layout.YAxis2)]],
            ShowLegend = layout.ShowLegend,
            Legend = layout.Legend is null ? null : [Legend(layout.Legend)],
            HoverMode = PlotlyName.ParseOrNull<HoverModeEnum>(layout.HoverMode),
            Margin = margin is null ? null : new Margin { L = margin.L, R = margin.R, T = margin.T, B = margin.B },
            Height = layout.Height,
            UiRevision = layout.UiRevision,
        };
    }

    /// <summary>Room a title needs above the plot: the modebar's row, then its lines (one per &lt;br&gt;), then a gap.</summary>
    public static int TitleTop(PlotTitle title) => ModeBarRow + TitleLine * Lines(title.Text) + 8;

    /// <summary>Largest magnitude a figure's number may have: just under <see cref="decimal.MaxValue"/> (7.9·10²⁸).</summary>
    public const double MaxMagnitude = 7.9e28;

    /// <summary>Smallest non-zero magnitude a figure's number may have (<see cref="decimal"/> has 28 decimal places).</summary>
    public const double MinMagnitude = 1e-28;

    /// <summary>A value for a plotly data array: the number, or null (a gap) when it is not finite.</summary>
    /// <remarks>NOTE: Plotly.Blazor sends a figure to the browser as JSON re-read with numbers as decimals, and a number
    /// outside the decimal's range (1e300, say) makes the whole figure fail; such numbers are drawn at the decimal's limit
    /// (or as 0), which on any axis of the lab is off the scale anyway.</remarks>
    public static object? Value(double value) =>
        !double.IsFinite(value) ? null
        : Math.Abs(value) > MaxMagnitude ? Math.CopySign(MaxMagnitude, value)
        : Math.Abs(value) < MinMagnitude ? 0.0
        : value;

    /// <summary>Values for a plotly data array (see <see cref="Value"/>), in a list that can grow.</summary>
    public static List<object?> Values(IEnumerable<double> values) => [.. values.Select(Value)];

    private static ITrace Trace(PlotTrace trace) => trace switch
    {
        ScatterTrace s => new Scatter
        {
            Name = s.Name,
            ShowLegend = s.ShowLegend,
            X = Values(s.X)!,
            Y = Values(s.Y)!,
            Mode = PlotlyName.Parse<ScatterMode>(s.Mode),
            YAxis = s.YAxis,
            Line = s.Line is { } line ? new ScatterLine { Color = line.Color, Width = Number(line.Width), Dash = line.Dash } : null,
            Marker = s.Marker is { } marker
                ? new ScatterMarker { Color = marker.Color, Size = Number(marker.Size), Symbol = PlotlyName.ParseOrNull<MarkerSymbol>(marker.Symbol) }
                : null,
            HoverTemplate = s.HoverTemplate,
        },
        HeatmapTrace h => new HeatMap
        {
            Name = h.Name,
            ShowLegend = h.ShowLegend,
            Z = [.. h.Z.Select(row => (object)Values(row))],
            X = h.X?.Cast<object>().ToList(),
            Y = h.Y?.Cast<object>().ToList(),
            TextTemplate = h.TextTemplate,
            ColorScale = h.Colorscale,
            ReverseScale = h.ReverseScale,
            ZMin = Number(h.ZMin),
            ZMax = Number(h.ZMax),
            ZMid = Number(h.ZMid),
            ColorBar = h.ColorBar is { } bar
                ? new HeatmapColorBar { Title = bar.Title is null ? null : new HeatmapColorBarTitle { Text = bar.Title.Text }, TickFormat = bar.TickFormat }
                : null,
            HoverTemplate = h.HoverTemplate,
        },
        _ => throw new ArgumentException($"No plotly trace for {trace.GetType().Name}.", nameof(trace)),
    };

    // Left-aligned at the top of the chart, under the modebar's row (which sits at the top right): a long title then runs
    // under nothing, and plotly's automargin grows the top margin if the title has more lines than TitleTop allowed for.
    private static Title Title(PlotTitle title) => new()
    {
        Text = title.Text,
        X = 0,
        XRef = Plotly.Blazor.LayoutLib.TitleLib.XRefEnum.Container,
        XAnchor = Plotly.Blazor.LayoutLib.TitleLib.XAnchorEnum.Left,
        Y = 1,
        YRef = Plotly.Blazor.LayoutLib.TitleLib.YRefEnum.Container,
        YAnchor = Plotly.Blazor.LayoutLib.TitleLib.YAnchorEnum.Top,
        Pad = new Plotly.Blazor.LayoutLib.TitleLib.Pad { T = ModeBarRow, L = 12 },
        AutoMargin = true,
    };

    private static XAxis XAxis(PlotAxis axis) => new()
    {
        Title = axis.Title is null ? null : new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = axis.Title.Text },
        Type = PlotlyName.ParseOrNull<Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum>(axis.Type),
        Range = Range(axis.Range),
        RangeMode = PlotlyName.ParseOrNull<Plotly.Blazor.LayoutLib.XAxisLib.RangeModeEnum>(axis.RangeMode),
        TickFormat = axis.TickFormat,
        TickMode = PlotlyName.ParseOrNull<Plotly.Blazor.LayoutLib.XAxisLib.TickModeEnum>(axis.TickMode),
        Side = PlotlyName.ParseOrNull<Plotly.Blazor.LayoutLib.XAxisLib.SideEnum>(axis.Side),
        Overlaying = axis.Overlaying,
        ShowGrid = axis.ShowGrid,
        ZeroLine = axis.ZeroLine,
        AutoMargin = axis.AutoMargin is true ? AllSides<Plotly.Blazor.LayoutLib.XAxisLib.AutoMarginFlag>() : null,
    };

    private static YAxis YAxis(PlotAxis axis) => new()
    {
        Title = axis.Title is null ? null : new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = axis.Title.Text },
        Type = PlotlyName.ParseOrNull<Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum>(axis.Type),
        Range = Range(axis.Range),
        RangeMode = PlotlyName.ParseOrNull<Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum>(axis.RangeMode),
        TickFormat = axis.TickFormat,
        TickMode = PlotlyName.ParseOrNull<Plotly.Blazor.LayoutLib.YAxisLib.TickModeEnum>(axis.TickMode),
        Side = PlotlyName.ParseOrNull<Plotly.Blazor.LayoutLib.YAxisLib.SideEnum>(axis.Side),
        Overlaying = axis.Overlaying,
        ShowGrid = axis.ShowGrid,
        ZeroLine = axis.ZeroLine,
        AutoMargin = axis.AutoMargin is true ? AllSides<Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag>() : null,
    };

    // NOTE: plotly's automargin is `true` or a flag list; Plotly.Blazor writes its True member as the string "True", which
    // plotly rejects (and then uses its default, false). Every side and both sizes ("height+width+left+right+top+bottom")
    // is what `true` means.
    private static T AllSides<T>() where T : struct, Enum => PlotlyName.Parse<T>("height+width+left+right+top+bottom");

    private static Legend Legend(PlotLegend legend) => new()
    {
        Orientation = PlotlyName.ParseOrNull<Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum>(legend.Orientation),
        X = Number(legend.X),
        Y = Number(legend.Y),
    };

    private static List<object>? Range(IReadOnlyList<double>? range) => range?.Select(v => Value(v)!).ToList();

    private static decimal? Number(double? value) => value is { } v && Value(v) is double d ? (decimal)d : null;

    private static int Lines(string text) => text.Split("<br>", StringSplitOptions.None).Length;
}
