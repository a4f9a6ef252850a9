using System.Text.RegularExpressions;

namespace RobustLab.Tests.EndToEnd;

// What a chart shows a person, read from plotly's own elements in the page: its modebar offers nothing that uploads the
// chart, its title is clear of the modebar, and hovering a point shows its values.
internal static partial class PlotChecks
{
    private static string Graph(string chart) => $"document.querySelector('#{chart} .js-plotly-plot')";

    /// <summary>The modebar has its buttons (the camera among them) and none that sends the chart to Plotly's cloud; no link leads there either.</summary>
    public static async Task AssertNothingGoesToTheCloudAsync(BrowserPage page, string chart)
    {
        await page.Page.Locator($"#{chart} .js-plotly-plot").HoverAsync(); // the modebar is drawn on hover
        var titles = await page.Page.EvaluateAsync<string[]>($"[...{Graph(chart)}.querySelectorAll('.modebar-btn')].map(b => b.dataset.title ?? '')");
        Assert.Contains(titles, t => t.Contains("png", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(titles, t => Cloud().IsMatch(t));
        Assert.Equal(0, await page.Page.EvaluateAsync<int>($"{Graph(chart)}.querySelectorAll('a[href*=\"plotly.com\"], a[href*=\"plot.ly\"]').length"));
    }

    /// <summary>The title and the modebar do not overlap (both drawn, with the modebar shown as on hover).</summary>
    public static async Task AssertTitleClearOfModeBarAsync(BrowserPage page, string chart)
    {
        await page.Page.Locator($"#{chart} .js-plotly-plot").HoverAsync();
        var boxes = await page.Page.EvaluateAsync<double[]>($$"""
            (() => {
                const gd = {{Graph(chart)}};
                const t = gd.querySelector('.g-gtitle').getBoundingClientRect(), m = gd.querySelector('.modebar').getBoundingClientRect();
                return [t.left, t.top, t.right, t.bottom, m.left, m.top, m.right, m.bottom];
            })()
            """);
        string what = string.Join(", ", boxes);
        Assert.True(boxes[2] > boxes[0] && boxes[3] > boxes[1], $"no title drawn: {what}");
        Assert.True(boxes[6] > boxes[4] && boxes[7] > boxes[5], $"no modebar drawn: {what}");
        bool overlap = boxes[0] < boxes[6] && boxes[4] < boxes[2] && boxes[1] < boxes[7] && boxes[5] < boxes[3];
        Assert.False(overlap, $"title (left, top, right, bottom) and modebar overlap: {what}");
    }

    /// <summary>The text of the hover label of point <paramref name="point"/> on curve <paramref name="curve"/> (plotly's own hover).</summary>
    public static async Task<string> HoverTextAsync(BrowserPage page, string chart, int curve, int point)
    {
        await page.Page.EvaluateAsync($"Plotly.Fx.hover({Graph(chart)}, [{{ curveNumber: {curve}, pointNumber: {point} }}])");
        await page.WaitForAsync($"{Graph(chart)}.querySelector('.hoverlayer .hovertext') !== null", "the hover label");
        return await page.Page.EvaluateAsync<string>($"{Graph(chart)}.querySelector('.hoverlayer .hovertext').textContent");
    }

    [GeneratedRegex("cloud|chart studio|share|edit", RegexOptions.IgnoreCase)]
    private static partial Regex Cloud();
}
