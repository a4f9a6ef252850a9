namespace RobustLab.Web.Services.Lab;

/// <summary>Server-side time of one result: the attack(s), rendering the images, and the whole computation.</summary>
public sealed record LabTiming(double AttackMilliseconds, double RenderMilliseconds, double TotalMilliseconds);
