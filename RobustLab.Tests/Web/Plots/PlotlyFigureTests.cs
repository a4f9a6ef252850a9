using System.Text.Json;
using System.Text.Json.Serialization;
using RobustLab.Web.Components.Plots;

namespace RobustLab.Tests.Web.Plots;

// The lab's plot records become Plotly.Blazor's objects, and those are written as plotly.js reads them: its lower-case
// attribute names, titles as objects, nulls left out, non-finite numbers as gaps, exact doubles. The JSON here is
// written as Plotly.Blazor writes it (no naming policy, nulls left out; its types carry plotly's names).
public sealed class PlotlyFigureTests
{
    private static readonly JsonSerializerOptions PlotlyBlazor = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private static string Json(object value) => JsonSerializer.Serialize(value, PlotlyBlazor);

    private static JsonElement Parse(object value) => JsonDocument.Parse(Json(value)).RootElement;

    private static JsonElement Data(PlotFigure figure) => Parse(PlotlyFigure.Traces(figure).Cast<object>().ToArray());

    private static PlotFigure TwoAxes() => new(
        [
            new ScatterTrace { Name = "accuracy", X = [0, 0.5, 1], Y = [0.99, 0.5, 0.1] },
            new ScatterTrace { Name = "ρ", X = [0, 0.5, 1], Y = [0, 0.1, 0.30000000000000004], YAxis = "y2", Mode = "lines", Line = new PlotLine("#d62728", 2, "dash") },
        ],
        new PlotLayout
        {
            Title = new PlotTitle("JumpReLU κ trade-off"),
            XAxis = PlotAxis.Titled("κ"),
            YAxis = PlotAxis.Titled("accuracy") with { Range = [0, 1], TickFormat = ".0%" },
            YAxis2 = PlotAxis.Secondary("ρ"),
        });

    [Fact]
    public void A_two_axis_line_plot_has_plotlys_shape()
    {
        var data = Data(TwoAxes());
        var first = data[0];
        Assert.Equal("scatter", first.GetProperty("type").GetString());
        Assert.Equal("accuracy", first.GetProperty("name").GetString());
        Assert.Equal("lines+markers", first.GetProperty("mode").GetString());
        Assert.Equal(ScatterTrace.ExactHover, first.GetProperty("hovertemplate").GetString());
        Assert.Equal([0, 0.5, 1], first.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        Assert.False(first.TryGetProperty("yaxis", out _)); // null: the first axis
        var second = data[1];
        Assert.Equal("y2", second.GetProperty("yaxis").GetString());
        Assert.Equal("lines", second.GetProperty("mode").GetString());
        Assert.Equal("dash", second.GetProperty("line").GetProperty("dash").GetString());

        var layout = Parse(PlotlyFigure.Layout(TwoAxes()));
        Assert.Equal("JumpReLU κ trade-off", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("κ", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(".0%", layout.GetProperty("yaxis").GetProperty("tickformat").GetString());
        Assert.Equal("height+width+left+right+top+bottom", layout.GetProperty("yaxis").GetProperty("automargin").GetString()); // plotly's "true"
        var y2 = layout.GetProperty("yaxis2");
        Assert.Equal(("y", "right", false), (y2.GetProperty("overlaying").GetString(), y2.GetProperty("side").GetString(), y2.GetProperty("showgrid").GetBoolean()));
        Assert.Equal("closest", layout.GetProperty("hovermode").GetString());
        Assert.False(layout.TryGetProperty("yaxis3", out _));
    }

    [Fact]
    public void Names_are_plotlys_lower_case_ones_and_nulls_are_left_out()
    {
        var text = Json(PlotlyFigure.Traces(TwoAxes()).Cast<object>().ToArray()) + Json(PlotlyFigure.Layout(TwoAxes()));
        foreach (var camel in new[] { "hoverTemplate", "yAxis", "showLegend", "tickFormat", "HoverMode", "HoverTemplate", "TickFormat" })
            Assert.DoesNotContain($"\"{camel}\"", text);
        Assert.DoesNotContain("null", text);
        Assert.DoesNotContain("showlegend", text);
    }

    [Fact]
    public void Numbers_are_exact_and_non_finite_ones_become_gaps()
    {
        var figure = new PlotFigure([new ScatterTrace { X = [1, 2, 3, 4], Y = [0.1 + 0.2, double.NaN, double.PositiveInfinity, 1e-300] }], new PlotLayout());
        var y = Data(figure)[0].GetProperty("y");
        Assert.Equal("[0.30000000000000004,null,null,0]", y.GetRawText()); // below the decimal's 28 places: 0 (see the next test)
        // The lists can grow: Plotly.Blazor's ExtendTraces appends to them.
        var scatter = (Plotly.Blazor.Traces.Scatter)PlotlyFigure.Traces(figure)[0];
        scatter.Y.Add(1.5);
        Assert.Equal(5, scatter.Y.Count);
    }

    [Fact]
    public void Plotly_Blazors_own_preparation_for_the_browser_keeps_extreme_numbers()
    {
        // Plotly.Blazor sends a figure through its PrepareJsInterop (JSON, then numbers as decimals): a number outside the
        // decimal's range must not make the whole React fail.
        var prepare = typeof(Plotly.Blazor.Layout).Assembly.GetType("Plotly.Blazor.Extensions")!.GetMethod("PrepareJsInterop")!.MakeGenericMethod(typeof(object));
        var options = typeof(Plotly.Blazor.PlotlyJsInterop).GetField("SerializerOptions", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null);
        var figure = new PlotFigure([new ScatterTrace { X = [1, 2, 3, 4], Y = [1e-300, 1e300, -1e300, 0.30000000000000004] }], new PlotLayout());
        var prepared = prepare.Invoke(null, [PlotlyFigure.Traces(figure)[0], options]);
        var y = Parse(prepared!).GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(0.30000000000000004, y[3]);
        Assert.Equal(0, y[0], 1e-20);
        Assert.Equal([PlotlyFigure.MaxMagnitude, -PlotlyFigure.MaxMagnitude], y[1..3]); // past the decimal's range: its limit, same sign
    }

    [Fact]
    public void A_heatmap_carries_its_values_labels_and_colour_scale()
    {
        var figure = new PlotFigure(
            [new HeatmapTrace { Z = [[0.9, 0.25], [0.5, double.NaN]], X = ["κ=0", "κ=1"], Y = ["κ=0", "κ=1"], Colorscale = "Reds", ZMin = 0, ZMax = 1, ColorBar = new PlotColorBar(new PlotTitle("accuracy"), ".0%") }],
            new PlotLayout { Title = new PlotTitle("Transfer") });
        var trace = Data(figure)[0];
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        Assert.Equal("[[0.9,0.25],[0.5,null]]", trace.GetProperty("z").GetRawText());
        Assert.Equal(["κ=0", "κ=1"], trace.GetProperty("x").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("%{z:.2f}", trace.GetProperty("texttemplate").GetString());
        Assert.Equal("Reds", trace.GetProperty("colorscale").GetString());
        Assert.Equal((0, 1), (trace.GetProperty("zmin").GetDouble(), trace.GetProperty("zmax").GetDouble()));
        Assert.Equal("accuracy", trace.GetProperty("colorbar").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(".0%", trace.GetProperty("colorbar").GetProperty("tickformat").GetString());
        Assert.False(trace.TryGetProperty("zmid", out _));
    }

    [Fact]
    public void An_extension_is_plotlys_extendTraces_update_with_its_indices()
    {
        var (x, y) = PlotlyChart.Arrays(new PlotExtension([0, 2], [[1, 2], [3]], [[0.5, double.NaN], [0.125]]));
        Assert.Equal("[[1,2],[3]]", Json(x));
        Assert.Equal("[[0.5,null],[0.125]]", Json(y)); // NaN: a gap
    }

    [Fact]
    public void A_title_sits_under_the_modebar_and_gets_the_room_its_lines_need()
    {
        var layout = Parse(PlotlyFigure.Layout(new PlotFigure([], new PlotLayout { Title = new PlotTitle("first line<br>second line") })));
        var title = layout.GetProperty("title");
        Assert.Equal(("container", "top", 1.0), (title.GetProperty("yref").GetString(), title.GetProperty("yanchor").GetString(), title.GetProperty("y").GetDouble()));
        Assert.Equal(("container", "left", 0.0), (title.GetProperty("xref").GetString(), title.GetProperty("xanchor").GetString(), title.GetProperty("x").GetDouble()));
        Assert.True(title.GetProperty("pad").GetProperty("t").GetDouble() >= PlotlyFigure.ModeBarRow); // below the modebar's row
        Assert.True(title.GetProperty("automargin").GetBoolean());
        // The default top margin (50) would leave two lines no room under the modebar's row.
        Assert.True(layout.GetProperty("margin").GetProperty("t").GetDouble() >= PlotlyFigure.ModeBarRow + 2 * PlotlyFigure.TitleLine);
        Assert.Equal(50, Parse(PlotlyFigure.Layout(new PlotFigure([], new PlotLayout()))).GetProperty("margin").GetProperty("t").GetDouble());
    }

    [Fact]
    public void Values_plotly_does_not_know_are_refused_with_the_ones_it_does()
    {
        var figure = new PlotFigure([new ScatterTrace { Marker = new PlotMarker(Symbol: "circel") }], new PlotLayout());
        var error = Assert.Throws<ArgumentException>(() => PlotlyFigure.Traces(figure));
        Assert.Contains("'circel' is not a plotly", error.Message);
        Assert.Contains("circle-open", error.Message);
        Assert.Throws<ArgumentException>(() => PlotlyFigure.Traces(new PlotFigure([new ScatterTrace { Mode = "lines+dots" }], new PlotLayout())));
    }
}
