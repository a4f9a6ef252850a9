using MudBlazor;

namespace RobustLab.Web.Components.Layout;

/// <summary>The app's one MudBlazor theme: a light and a dark palette, system fonts (the lab may run with no internet).</summary>
/// <remarks>Presenter mode (large type, thick lines, high contrast) is a class on the document, styled in app.css,
/// so that it also reaches the plots and MudBlazor's popovers.</remarks>
public static class LabTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            Secondary = "#6a1b9a",
            AppbarBackground = "#1565c0",
            Background = "#f5f6f8",
            TextPrimary = "#1f2933",
            TextSecondary = "#52606d",
            Success = "#2e7d32",
            Warning = "#b26a00",
            Error = "#c62828",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#90caf9",
            Secondary = "#ce93d8",
            AppbarBackground = "#1e2a38",
            Background = "#121820",
            Surface = "#1b232d",
            DrawerBackground = "#1b232d",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "200px" },
    };
}
