using Bunit;
using RobustLab.Tests.Web.Components;
using RobustLab.Web.Components.Plots;

namespace RobustLab.Tests.Web.Plots;

// As when prerendering (a static renderer): the chart is an empty div for plotly to own (Plotly.Blazor's, with an id beside
// the caller's), inside a wrapper with the caller's attributes, with the PNG and SVG buttons under it.
public sealed class PlotlyChartRenderTests : MudComponentTest
{
    [Fact]
    public void Renders_a_wrapper_with_the_callers_attributes_around_the_plots_element_and_its_export_buttons()
    {
        Context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));
        var chart = Context.Render<PlotlyChart>(p => p
            .Add(c => c.Figure, new PlotFigure([new ScatterTrace { X = [1], Y = [2] }], new PlotLayout()))
            .AddUnmatched("id", "loss-chart")
            .AddUnmatched("style", "--plot-height: 280px"));

        var wrapper = chart.Find("div.plotly-chart");
        Assert.Equal("loss-chart", wrapper.Id);
        Assert.Equal("--plot-height: 280px", wrapper.GetAttribute("style"));
        var plot = wrapper.QuerySelector("div.plotly-chart-plot")!;
        Assert.Equal("loss-chart-plotly", plot.Id);
        Assert.Empty(plot.Children); // plotly's to fill once interactive
        Assert.Contains("var(--plot-height, 360px)", plot.GetAttribute("style"));
        var buttons = wrapper.QuerySelectorAll(".plotly-chart-export button");
        Assert.Equal(["loss-chart-png", "loss-chart-svg"], buttons.Select(b => b.Id));
        Assert.Equal(["PNG", "SVG"], buttons.Select(b => b.TextContent.Trim()));
        Assert.All(buttons, b => Assert.False(string.IsNullOrWhiteSpace(b.GetAttribute("title"))));
    }
}
