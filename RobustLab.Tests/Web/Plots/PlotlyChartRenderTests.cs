using RobustLab.Web.Components.Plots;

namespace RobustLab.Tests.Web.Plots;

// Rendered to static HTML (as when prerendering): the chart is a div for plotly to own (Plotly.Blazor's, with an id
// beside the caller's), inside a wrapper with the caller's attributes, with the PNG and SVG buttons under it; no
// JavaScript is called before the page is interactive.
public sealed class PlotlyChartRenderTests
{
    [Fact]
    public async Task Renders_a_wrapper_with_the_callers_attributes_around_the_plots_element_and_its_export_buttons()
    {
        var html = await ComponentRenderer.RenderAsync<PlotlyChart>(new Dictionary<string, object?>
        {
            ["Figure"] = new PlotFigure([new ScatterTrace { X = [1], Y = [2] }], new PlotLayout()),
            ["id"] = "loss-chart",
            ["style"] = "--plot-height: 280px",
        });
        Assert.Matches("^<div class=\"plotly-chart\" id=\"loss-chart\" style=\"--plot-height: 280px\">"
            + "<div class=\"plotly-chart-plot\" style=\"height: var\\(--plot-height, 360px\\); min-height: 0\" id=\"loss-chart-plotly\"></div>\\s*"
            + "<div class=\"plotly-chart-export\">\\s*<button type=\"button\" id=\"loss-chart-png\" title=\"[^\"]+\">PNG</button>\\s*"
            + "<button type=\"button\" id=\"loss-chart-svg\" title=\"[^\"]+\">SVG</button></div></div>$", html.Trim());
    }
}
