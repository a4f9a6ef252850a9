namespace RobustLab.Load.Blazor;

/// <summary>A page or its circuit was refused or went away.</summary>
internal sealed class CircuitException(string message) : Exception(message);
