// A model file: a network's state in safetensors with PyTorch names and layouts (conv OIHW, linear [out,in]),
// plus "__metadata__" {"architecture": ..., "format": "pt"}, so the file alone rebuilds the model
// (ModelZoo.Create + LoadStateDict) and loads into the PyTorch modules of tools/torch_models.py.
using RobustLab.Engine.Models;

namespace RobustLab.Engine.Serialization;

/// <summary>Saves and loads a <see cref="Network"/> as a safetensors file.</summary>
public static class ModelFile
{
    /// <summary>Metadata key holding the <see cref="ModelZoo"/> architecture name.</summary>
    public const string ArchitectureKey = "architecture";

    /// <summary>Metadata key of the tensor layout convention; Hugging Face uses "pt" for PyTorch layouts.</summary>
    public const string FormatKey = "format";

    /// <summary>The layout convention RobustLab writes and reads.</summary>
    public const string PyTorchFormat = "pt";

    /// <summary>Writes <paramref name="net"/>'s parameters and buffers to <paramref name="path"/> (atomically).</summary>
    /// <param name="extraMetadata">More metadata strings (e.g. dataset, epochs); they may not change "architecture" or "format".</param>
    /// <exception cref="ArgumentException">Conflicting metadata, or a weight is NaN/Inf (the target is left untouched).</exception>
    public static void Save(Network net, string path, IReadOnlyDictionary<string, string>? extraMetadata = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ArchitectureKey] = net.Architecture,
            [FormatKey] = PyTorchFormat,
        };
        foreach (var (key, value) in extraMetadata ?? new Dictionary<string, string>())
        {
            if (metadata.TryGetValue(key, out var fixedValue) && fixedValue != value)
                throw new ArgumentException($"{path}: metadata '{key}' is '{fixedValue}' for this model and cannot be set to '{value}'.", nameof(extraMetadata));
            metadata[key] = value;
        }
        var state = net.NamedState().ToDictionary(p => p.Name, p => p.Parameter.Value, StringComparer.Ordinal);
        try
        {
            SafeTensors.Write(path, state, metadata);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{path}: cannot save {net.Architecture}: {e.Message}", nameof(net), e);
        }
    }

    /// <summary>
    /// Reads a model file and builds the network: the architecture comes from the file's metadata or from
    /// <paramref name="architecture"/> (which must agree with the metadata when both are present).
    /// </summary>
    /// <param name="seed">Seed of the fresh network (its dropout masks); the weights come from the file.</param>
    /// <exception cref="InvalidDataException">The file is malformed or does not fit the architecture; the message names the file.</exception>
    public static Network Load(string path, string? architecture = null, int seed = 0)
    {
        var file = SafeTensors.Read(path);
        string arch = ResolveArchitecture(path, file.Metadata, architecture);
        try
        {
            var net = ModelZoo.Create(arch, seed);
            net.LoadStateDict(file.Tensors);
            return net;
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads only the "__metadata__" of a model file (the header is validated, the weights are not read).</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path) => SafeTensors.ReadMetadata(path);

    private static string ResolveArchitecture(string path, Dictionary<string, string> metadata, string? requested)
    {
        if (metadata.TryGetValue(FormatKey, out var format) && format != PyTorchFormat)
            throw new InvalidDataException($"{path}: metadata format is '{format}'; RobustLab reads PyTorch layouts (format '{PyTorchFormat}').");
        metadata.TryGetValue(ArchitectureKey, out var stored);
        if (stored is not null && requested is not null && stored != requested)
            throw new InvalidDataException($"{path}: the file holds architecture '{stored}', but '{requested}' was requested.");
        return stored ?? requested
            ?? throw new InvalidDataException($"{path}: the file has no '{ArchitectureKey}' metadata; pass the architecture (--arch <name>, one of {string.Join(", ", ModelZoo.Names)}).");
    }
}
