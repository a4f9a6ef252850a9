namespace RobustLab.Web.Services.Imaging;

/// <summary>One tick of a colour bar: its value, its position along the bar in [0,1], and its label.</summary>
public sealed record ColorTick(float Value, double Position, string Label);
