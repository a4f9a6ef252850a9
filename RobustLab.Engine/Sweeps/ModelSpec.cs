using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Layers.Activations;
using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Sweeps;

/// <summary>
/// A defended model as a recipe: an architecture, trained weights, and the test-time defense settings
/// (the activation retrofitted into every slot). <see cref="CreateClassifier"/> builds a fresh instance each time.
/// </summary>
/// <remarks>
/// The weights are shared by every instance built from the spec and never written (a network copies them in),
/// so one spec serves many jobs while each network keeps one owner (STYLE.md §9). Specs compare by value,
/// except the weights, which compare by reference: a sweep uses equality to reuse work done for the same model.
/// </remarks>
/// <param name="Activation">An <see cref="ActivationCatalog"/> spec put into every retrofittable slot ("relu", "jumprelu:0.5", ...).</param>
/// <param name="Seed">Seeds randomised defenses (randomized JumpReLU) and the network's dropout masks (unused in eval mode).</param>
/// <param name="Name">What the model is called in labels (the file name, say); the architecture when null.</param>
public sealed record ModelSpec(
    string Architecture,
    IReadOnlyDictionary<string, Tensor> Weights,
    string Activation = "relu",
    int Seed = 0,
    string? Name = null)
{
    /// <summary>Reads a model file once; every classifier built from the result shares its weights.</summary>
    public static ModelSpec Load(string path, string? architecture = null)
    {
        var network = ModelFile.Load(path, architecture);
        return new ModelSpec(network.Architecture, network.StateDict(), Name: Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>The weights of an existing network (copied once), e.g. one just trained.</summary>
    public static ModelSpec From(Network network, string? name = null) => new(network.Architecture, network.StateDict(), Name: name);

    /// <summary>A fresh network with the weights loaded and the activation retrofitted.</summary>
    public Network CreateNetwork()
    {
        var activation = ActivationCatalog.Parse(Activation, Seed);
        var network = ModelZoo.Create(Architecture, Seed);
        network.LoadStateDict(Weights);
        network.Retrofit(activation);
        return network;
    }

    /// <summary>A fresh classifier: the network with every test-time defense of this spec.</summary>
    public IClassifier CreateClassifier() => new NetworkClassifier(CreateNetwork());

    /// <summary>Throws <see cref="FormatException"/> or <see cref="ArgumentException"/> when a setting is invalid, without building anything.</summary>
    public ModelSpec Validate()
    {
        ActivationCatalog.Parse(Activation, Seed);
        if (!ModelZoo.Names.Contains(Architecture)) throw new ArgumentException($"Unknown architecture '{Architecture}'. Known: {string.Join(", ", ModelZoo.Names)}.");
        return this;
    }

    /// <summary>"lenet-like, jumprelu:0.5".</summary>
    public string Label => $"{Name ?? Architecture}, {Activation}";

    public override string ToString() => Label;
}
