using System.Text.Json;
using System.Text.Json.Serialization;
using RobustLab.Web.Components.Plots;

namespace RobustLab.Tests.Web.Plots;

// Every chart's plotly config: nothing leaves the lab unasked (no "Share chart…" upload to Plotly's cloud), the camera
// downloads a PNG at print resolution under the chart's export name.
public sealed class PlotConfigTests
{
    private static JsonElement Config(string exportName) =>
        JsonDocument.Parse(JsonSerializer.Serialize(PlotConfig.For(exportName), new JsonSerializerOptions { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull })).RootElement;

    [Fact]
    public void No_button_or_link_sends_the_chart_to_plotlys_cloud()
    {
        var config = Config("robustlab-tradeoffs");
        Assert.False(config.GetProperty("showSendToCloud").GetBoolean());
        Assert.False(config.GetProperty("showEditInChartStudio").GetBoolean());
        Assert.False(config.GetProperty("showLink").GetBoolean());
        Assert.False(config.GetProperty("sendData").GetBoolean());
        Assert.Equal("", config.GetProperty("plotlyServerURL").GetString());
        var removed = config.GetProperty("modeBarButtonsToRemove").EnumerateArray().Select(b => b.GetString()).ToArray();
        Assert.Contains("sendChartToCloud", removed); // plotly 3's name of "Share chart…"
        Assert.Contains("sendDataToCloud", removed); // and its older one
        Assert.False(config.GetProperty("displaylogo").GetBoolean());
    }

    [Fact]
    public void The_camera_downloads_a_png_at_twice_the_size_under_the_export_name()
    {
        var options = Config("training-curves").GetProperty("toImageButtonOptions");
        Assert.Equal(("png", "training-curves", 2), (options.GetProperty("format").GetString(), options.GetProperty("filename").GetString(), options.GetProperty("scale").GetInt32()));
        Assert.True(Config("x").GetProperty("responsive").GetBoolean());
        Assert.Throws<ArgumentException>(() => PlotConfig.For(" "));
    }
}
