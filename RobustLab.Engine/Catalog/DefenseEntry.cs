namespace RobustLab.Engine.Catalog;

/// <summary>A test-time defense besides the activations (smoothing, input scaling, BPDA's substitute): title, source, knobs.</summary>
public sealed record DefenseEntry(string Name, string Title, string Summary, Citation Source, IReadOnlyList<Knob> Knobs);
