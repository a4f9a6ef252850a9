using RobustLab.Engine.Models;
using RobustLab.Engine.Tensors;

namespace RobustLab.Web.Services;

/// <summary>Trained weights, shared read-only; every job builds its own <see cref="Network"/> from them (one owner per instance).</summary>
public sealed class TrainedModel
{
    private readonly IReadOnlyDictionary<string, Tensor> _weights;

    public TrainedModel(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        Architecture = network.Architecture;
        _weights = network.StateDict();
    }

    public string Architecture { get; }

    public Network Instantiate()
    {
        var network = ModelZoo.Create(Architecture);
        network.LoadStateDict(_weights);
        return network;
    }
}
