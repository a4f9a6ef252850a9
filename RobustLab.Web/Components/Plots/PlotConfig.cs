using Plotly.Blazor;

namespace RobustLab.Web.Components.Plots;

/// <summary>The plotly config of every chart in the lab: responsive, no logo, PNG from the modebar's camera, and nothing
/// that sends a chart to Plotly's cloud.</summary>
public static class PlotConfig
{
    /// <summary>The modebar buttons that would upload the chart to Chart Studio ("Share chart…"; "Edit in Chart Studio" is
    /// the same button since plotly 3): plotly names it sendChartToCloud and keeps sendDataToCloud as its old name.</summary>
    public static IReadOnlyList<string> CloudButtons { get; } = ["sendChartToCloud", "sendDataToCloud"];

    /// <summary>PNG downloads from the camera are drawn at this multiple of the chart's size on screen (print resolution).</summary>
    public const int PngScale = 2;

    /// <summary>The config for a chart whose image downloads are called <paramref name="exportName"/>.png.</summary>
    public static Config For(string exportName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exportName);
        return new Config
        {
            Responsive = true,
            DisplayLogo = false,
            // Nothing leaves the lab unasked: no "Share chart…" or "Edit in Chart Studio" button, no "Edit chart" link,
            // and no server to send to should a future plotly add another way.
            ShowSendToCloud = false,
            ShowEditInChartStudio = false,
            ShowLink = false,
            SendData = false,
            PlotlyServerUrl = "",
            ModeBarButtonsToRemove = CloudButtons.ToArray(),
            ToImageButtonOptions = new { format = "png", filename = exportName, scale = PngScale },
        };
    }
}
