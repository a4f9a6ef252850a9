using System.Globalization;

namespace RobustLab.Engine.Catalog;

/// <summary>An activation the pages retrofit into a trained ReLU network: its spec name, title, source and its one parameter.</summary>
/// <param name="Name">The spec name of <see cref="Layers.Activations.ActivationCatalog"/> ("jumprelu").</param>
/// <param name="Parameter">Its parameter (κ, b, α), or null for plain ReLU.</param>
public sealed record ActivationEntry(string Name, string Title, string ShortTitle, string Summary, Citation Source, Knob? Parameter)
{
    /// <summary>"relu", "jumprelu:0.5".</summary>
    public string Spec(double value) => Parameter is null ? Name : $"{Name}:{value.ToString("R", CultureInfo.InvariantCulture)}";

    /// <summary>A readable label: "JumpReLU κ = 0.5", "ReLU".</summary>
    public string Label(double value) => Parameter is null ? ShortTitle : $"{ShortTitle} {Parameter.ValueLabel(value)}";
}
