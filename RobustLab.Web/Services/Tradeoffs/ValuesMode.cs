namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>How the knob's values are given: start, stop and step (stop included), or a list.</summary>
public enum ValuesMode { Range, List }
