namespace RobustLab.Web.Components.Lab;

/// <summary>One button of a <see cref="ChoiceGroup{T}"/>: the value, its text and an optional tooltip.</summary>
public sealed record Choice<T>(T Value, string Text, string? Help = null);
