using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Layers.Activations;
using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Sweeps;

/// <summary>
/// A defended model as a recipe: an architecture, trained weights, and the test-time defense settings
/// (the activation retrofitted into every slot, input scaling, randomized smoothing). <see cref="CreateClassifier"/> builds a
/// fresh instance each time: smoothing(input scaling(network)) — the noise is added to the input, which is then scaled.
/// </summary>
/// <remarks>
/// The weights are shared by every instance built from the spec and never written (a network copies them in),
/// so one spec serves many jobs while each network keeps one owner (STYLE.md §9). Specs compare by value,
/// except the weights, which compare by reference: a sweep uses equality to reuse work done for the same model.
/// </remarks>
/// <param name="Activation">An <see cref="ActivationCatalog"/> spec put into every retrofittable slot ("relu", "jumprelu:0.5", ...).</param>
/// <param name="InputScale">Input scaling by s, with or without clipping (Borji Fig. 7); null for none.</param>
/// <param name="Smoothing">Randomized smoothing σ, n, vote (Nemcovsky §3); null for none.</param>
/// <param name="Seed">Seeds randomised defenses (randomized JumpReLU, smoothing noise) and the network's dropout masks (unused in eval mode).</param>
/// <param name="Name">What the model is called in labels (the file name, say); the architecture when null.</param>
/// <param name="Backend">Where the passes run: null for the engine itself (native); otherwise e.g. libtorch (RobustLab.Torch),
/// which may also hold a model of its own that is not in the zoo (a TorchScript file).</param>
public sealed record ModelSpec(
    string Architecture,
    IReadOnlyDictionary<string, Tensor> Weights,
    string Activation = "relu",
    InputScalingSpec? InputScale = null,
    SmoothingSpec? Smoothing = null,
    int Seed = 0,
    string? Name = null,
    IModelBackend? Backend = null)
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
    /// <param name="cancellation">Checked before every pass through the network (<see cref="CancellableClassifier"/>), so that a
    /// long pass (many smoothing samples) stops soon after cancellation.</param>
    public IClassifier CreateClassifier(CancellationToken cancellation = default)
    {
        IClassifier model = Backend?.CreateClassifier(this) ?? new NetworkClassifier(CreateNetwork());
        if (cancellation.CanBeCanceled) model = new CancellableClassifier(model, cancellation);
        if (InputScale is not null) model = InputScale.Wrap(model, Seed);
        if (Smoothing is not null) model = Smoothing.Wrap(model, Seed);
        return model;
    }

    /// <summary>Throws <see cref="FormatException"/> or <see cref="ArgumentException"/> when a setting is invalid, without building anything.</summary>
    public ModelSpec Validate()
    {
        ActivationCatalog.Parse(Activation, Seed);
        if (InputScale is not null) DefenseSpec.ParseInputScaling(InputScale.Text);
        if (Smoothing is not null) DefenseSpec.ParseSmoothing(Smoothing.Text);
        if (Backend is not null) Backend.Validate(this);
        else if (!ModelZoo.Names.Contains(Architecture)) throw new ArgumentException($"Unknown architecture '{Architecture}'. Known: {string.Join(", ", ModelZoo.Names)}.");
        return this;
    }

    /// <summary>One example's shape [C,H,W].</summary>
    public int[] InputShape => Backend?.InputShape(this) ?? ModelZoo.Create(Architecture).InputShape;

    /// <summary>The number of classes.</summary>
    public int Classes => Backend?.Classes(this) ?? ModelZoo.Create(Architecture).Classes;

    /// <summary>"native", or the backend's name ("torch").</summary>
    public string BackendName => Backend?.Name ?? "native";

    /// <summary>"cpu" for the engine, or the backend's device.</summary>
    public string DeviceName => Backend?.Device ?? "cpu";

    /// <summary>"lenet-like, jumprelu:0.5, input-scale 10, smooth 0.25:32:majority".</summary>
    public string Label => string.Join(", ", new[]
    {
        Name ?? Architecture, Activation,
        InputScale is null ? null : $"input-scale {InputScale.Text}",
        Smoothing is null ? null : $"smooth {Smoothing.Text}",
    }.Where(p => p is not null));

    public override string ToString() => Label;
}
