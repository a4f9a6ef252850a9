using RobustLab.Engine.Layers;
using RobustLab.Engine.Models;

namespace RobustLab.Web.Services;

/// <summary>What the start page shows about a model: its architecture, layer by layer, its size, and how it was trained.</summary>
public sealed record ModelSummary(string Architecture, string File, string InputShape, int Classes, int ParameterCount,
    IReadOnlyList<LayerSummary> Layers, IReadOnlyList<KeyValuePair<string, string>> Training)
{
    // Metadata keys that the architecture line already shows.
    private static readonly HashSet<string> Shown = ["architecture", "format"];

    /// <param name="metadata">The model file's safetensors metadata (dataset, epochs, ... as written by the trainer).</param>
    public static ModelSummary Of(Network network, string file, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var layers = new List<LayerSummary>(network.Layers.Count);
        int[] shape = [1, .. network.InputShape];
        foreach (var layer in network.Layers)
        {
            shape = layer.OutputShape(shape);
            layers.Add(new LayerSummary(layer.Name, Describe(layer), Format(shape.AsSpan(1)), layer.Parameters.Sum(p => p.Value.Length)));
        }
        var training = (metadata ?? new Dictionary<string, string>())
            .Where(m => !Shown.Contains(m.Key)).OrderBy(m => m.Key, StringComparer.Ordinal).ToList();
        return new ModelSummary(network.Architecture, file, Format(network.InputShape), network.Classes, network.ParameterCount, layers, training);
    }

    private static string Describe(Layer layer) => layer switch
    {
        ActivationSlot slot => slot.Function.Spec,
        Conv2d c => $"Conv2d {c.InChannels}→{c.OutChannels}, {c.Kernel}×{c.Kernel}",
        Linear l => $"Linear {l.InFeatures}→{l.OutFeatures}",
        MaxPool2d p => $"MaxPool2d {p.Kernel}×{p.Kernel}",
        AvgPool2d p => $"AvgPool2d {p.Kernel}×{p.Kernel}",
        Dropout d => $"Dropout p={d.P:0.##}",
        Dropout2d d => $"Dropout2d p={d.P:0.##}",
        _ => layer.GetType().Name,
    };

    // One example's shape: [C,H,W] → "1×28×28".
    private static string Format(ReadOnlySpan<int> shape) => string.Join("×", shape.ToArray());
}

/// <summary>One layer: its PyTorch name, what it is, the shape of one example after it, its trainable parameters.</summary>
public sealed record LayerSummary(string Name, string Kind, string OutputShape, int Parameters);
