using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Layers.Activations;
using RobustLab.Engine.Models;
using RobustLab.Engine.Sweeps;
using RobustLab.Engine.Tensors;

namespace RobustLab.Web.Services;

/// <summary>
/// Trained weights, shared read-only; every job builds its own instance from them (one owner per instance): an engine
/// <see cref="Network"/>, or for a model of a backend of its own (a registered TorchScript model) that backend's classifier.
/// </summary>
public sealed class TrainedModel
{
    private readonly IReadOnlyDictionary<string, Tensor>? _weights;
    private readonly ModelSpec? _external;

    public TrainedModel(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        Architecture = network.Architecture;
        _weights = network.StateDict();
    }

    /// <param name="external">A model that lives in its backend (<see cref="ModelSpec.Backend"/>), with no activation slots.</param>
    /// <param name="noRetrofitReason">Why its activations cannot be retrofitted (shown on the pages, and in refusals).</param>
    public TrainedModel(ModelSpec external, string noRetrofitReason)
    {
        ArgumentNullException.ThrowIfNull(external);
        if (external.Backend is null) throw new ArgumentException("A model of its own backend needs that backend.", nameof(external));
        (_external, Architecture, NoRetrofitReason) = (external, external.Architecture, noRetrofitReason);
    }

    public string Architecture { get; }

    /// <summary>Null when the model has activation slots (JumpReLU, SReLU, BPDA apply); else why not.</summary>
    public string? NoRetrofitReason { get; }

    /// <summary>Its input shape [C,H,W] and classes.</summary>
    public (int[] InputShape, int Classes) Shape
    {
        get
        {
            if (_external is { } spec) return (spec.InputShape, spec.Classes);
            var network = ModelZoo.Create(Architecture); // one instance for both (each builds and initialises the layers)
            return (network.InputShape, network.Classes);
        }
    }

    /// <summary>A fresh engine network with the weights.</summary>
    /// <exception cref="InvalidOperationException">The model lives in a backend of its own (see <see cref="Classifier"/>).</exception>
    public Network Instantiate()
    {
        if (_weights is null) throw new InvalidOperationException($"A {Architecture} model is not an engine network; it has no layers to train or retrofit.");
        var network = ModelZoo.Create(Architecture);
        network.LoadStateDict(_weights);
        return network;
    }

    /// <summary>The network as a classifier, the activation retrofitted (with BPDA's ReLU backward when asked).</summary>
    /// <exception cref="ArgumentException">A retrofit is asked of a model without activation slots.</exception>
    public IClassifier Classifier(string activationSpec = "relu", int seed = 0, bool bpda = false)
    {
        if (_external is { } spec)
        {
            ThrowIfRetrofit(activationSpec, bpda);
            return spec.CreateClassifier();
        }
        var network = Instantiate();
        network.Retrofit(ActivationCatalog.Parse(activationSpec, seed), bpda ? new ReLU() : null);
        return new NetworkClassifier(network);
    }

    /// <summary>Refuses a retrofit (an activation other than ReLU, or BPDA) on a model without activation slots.</summary>
    /// <param name="name">The model as the user named it, for the message.</param>
    /// <exception cref="ArgumentException">The model has no slots and a retrofit was asked.</exception>
    public void ThrowIfRetrofit(string activationSpec, bool bpda, string name = "this model")
    {
        if (NoRetrofitReason is { } reason && (activationSpec != "relu" || bpda))
            throw new ArgumentException($"Activation retrofits are off for {name}: {reason}.");
    }

    /// <summary>A sweep's recipe for the model, named <paramref name="name"/>.</summary>
    public ModelSpec Spec(string name) => _external is { } spec ? spec with { Name = name } : ModelSpec.From(Instantiate(), name);
}
