namespace RobustLab.Web.Components.Tradeoffs;

/// <summary>One entry of a settings menu: what it says and the value it sets.</summary>
public sealed record Choice(string Text, string Value);
