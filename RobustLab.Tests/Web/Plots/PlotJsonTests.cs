using System.Text.Json;
using RobustLab.Web.Components.Plots;

namespace RobustLab.Tests.Web.Plots;

// The JSON the plot records become is what plotly.js reads: its lower-case attribute names, titles as
// objects, nulls left out, non-finite numbers as gaps, exact doubles.
public sealed class PlotJsonTests
{
    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

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
        var json = Parse(PlotJson.Serialize(TwoAxes()));
        var first = json.GetProperty("data")[0];
        Assert.Equal("scatter", first.GetProperty("type").GetString());
        Assert.Equal("accuracy", first.GetProperty("name").GetString());
        Assert.Equal("lines+markers", first.GetProperty("mode").GetString());
        Assert.Equal(ScatterTrace.ExactHover, first.GetProperty("hovertemplate").GetString());
        Assert.Equal([0, 0.5, 1], first.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        Assert.False(first.TryGetProperty("yaxis", out _)); // null: the first axis
        var second = json.GetProperty("data")[1];
        Assert.Equal("y2", second.GetProperty("yaxis").GetString());
        Assert.Equal("dash", second.GetProperty("line").GetProperty("dash").GetString());

        var layout = json.GetProperty("layout");
        Assert.Equal("JumpReLU κ trade-off", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("κ", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(".0%", layout.GetProperty("yaxis").GetProperty("tickformat").GetString());
        var y2 = layout.GetProperty("yaxis2");
        Assert.Equal(("y", "right", false), (y2.GetProperty("overlaying").GetString(), y2.GetProperty("side").GetString(), y2.GetProperty("showgrid").GetBoolean()));
        Assert.Equal("closest", layout.GetProperty("hovermode").GetString());
    }

    [Fact]
    public void Names_are_plotlys_lower_case_ones_and_nulls_are_left_out()
    {
        var text = PlotJson.Serialize(TwoAxes());
        foreach (var camel in new[] { "hoverTemplate", "yAxis", "showLegend", "tickFormat", "HoverMode" })
            Assert.DoesNotContain($"\"{camel}\"", text);
        Assert.DoesNotContain("null", text);
        Assert.DoesNotContain("showlegend", text);
    }

    [Fact]
    public void Numbers_are_exact_and_non_finite_ones_become_gaps()
    {
        var figure = new PlotFigure([new ScatterTrace { X = [1, 2, 3, 4], Y = [0.1 + 0.2, double.NaN, double.PositiveInfinity, 1e-300] }], new PlotLayout());
        var text = PlotJson.Serialize(figure);
        Assert.Contains("\"y\":[0.30000000000000004,null,null,1E-300]", text);
    }

    [Fact]
    public void A_heatmap_carries_its_values_labels_and_colour_scale()
    {
        var figure = new PlotFigure(
            [new HeatmapTrace { Z = [[0.9, 0.25], [0.5, double.NaN]], X = ["κ=0", "κ=1"], Y = ["κ=0", "κ=1"], Colorscale = "Reds", ZMin = 0, ZMax = 1, ColorBar = new PlotColorBar(new PlotTitle("accuracy")) }],
            new PlotLayout { Title = new PlotTitle("Transfer") });
        var trace = Parse(PlotJson.Serialize(figure)).GetProperty("data")[0];
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        Assert.Equal("[[0.9,0.25],[0.5,null]]", trace.GetProperty("z").GetRawText());
        Assert.Equal(["κ=0", "κ=1"], trace.GetProperty("x").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("%{z:.2f}", trace.GetProperty("texttemplate").GetString());
        Assert.Equal("Reds", trace.GetProperty("colorscale").GetString());
        Assert.Equal((0, 1), (trace.GetProperty("zmin").GetDouble(), trace.GetProperty("zmax").GetDouble()));
        Assert.Equal("accuracy", trace.GetProperty("colorbar").GetProperty("title").GetProperty("text").GetString());
        Assert.False(trace.TryGetProperty("zmid", out _));
    }

    [Fact]
    public void An_extension_is_plotlys_extendTraces_update_with_its_indices()
    {
        var json = Parse(PlotJson.Serialize(new PlotExtension([0, 2], [[1, 2], [3]], [[0.5, 0.25], [0.125]])));
        Assert.Equal("[0,2]", json.GetProperty("indices").GetRawText());
        Assert.Equal("[[1,2],[3]]", json.GetProperty("x").GetRawText());
        Assert.Equal("[[0.5,0.25],[0.125]]", json.GetProperty("y").GetRawText());
        Assert.False(json.TryGetProperty("maxpoints", out _));
        Assert.Equal(100, Parse(PlotJson.Serialize(new PlotExtension([0], [[1]], [[1]], 100))).GetProperty("maxpoints").GetInt32());
    }

    [Fact]
    public void A_relayout_keeps_plotlys_attribute_paths()
    {
        var json = Parse(PlotJson.Serialize(new Dictionary<string, object?> { ["xaxis.range"] = new[] { 0.0, 10.0 }, ["title.text"] = "ε sweep" }));
        Assert.Equal("[0,10]", json.GetProperty("xaxis.range").GetRawText());
        Assert.Equal("ε sweep", json.GetProperty("title.text").GetString());
    }
}
