namespace RobustLab.Web.Components.Layout;

/// <summary>How this browser shows the lab, kept in its localStorage (not a secret): dark palette, presenter mode.</summary>
public sealed record DisplaySettings(bool Dark = false, bool Presenter = false);
