using RobustLab.Engine.Layers;
using RobustLab.Engine.Layers.Activations;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Models;

/// <summary>A feed-forward network: an architecture name, an input shape and a chain of layers.</summary>
/// <remarks>
/// Parameters are named as PyTorch's state_dict names them ("conv1.weight"), so weights move
/// between RobustLab and PyTorch unchanged. Activations sit in named <see cref="ActivationSlot"/>s
/// that can be retrofitted (JumpReLU, SReLU, ...) without retraining.
/// One owner at a time: build one instance per job (<see cref="ModelZoo"/>) and load shared weights into it.
/// </remarks>
public sealed class Network
{
    public string Architecture { get; }

    /// <summary>Shape of one example: [C, H, W].</summary>
    public int[] InputShape { get; }

    public int Classes { get; }
    public IReadOnlyList<Layer> Layers { get; }
    public IReadOnlyList<ActivationSlot> Slots { get; }

    public Network(string architecture, int[] inputShape, IReadOnlyList<Layer> layers)
    {
        (Architecture, InputShape, Layers) = (architecture, inputShape, layers);
        Slots = layers.OfType<ActivationSlot>().ToArray();
        int[] shape = [1, .. inputShape];
        foreach (var layer in layers) shape = layer.OutputShape(shape);
        if (shape.Length != 2) throw new ArgumentException($"{architecture}: the last layer must output [N, K], got [{string.Join(",", shape)}].");
        Classes = shape[1];
        var names = layers.Select(l => l.Name).ToArray();
        var duplicate = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"{architecture}: layer name '{duplicate.Key}' is used twice.");
    }

    /// <summary>x [N,C,H,W] pixels in [0,1] → logits [N,K] (a copy owned by the caller).</summary>
    public Tensor Forward(Tensor x, bool training = false)
    {
        CheckInput(x);
        var h = x;
        foreach (var layer in Layers) h = layer.Forward(h, training);
        return h.Clone();
    }

    /// <summary>
    /// dlogits [N,K] for the last Forward → ∂L/∂x [N,C,H,W] (a copy), accumulating parameter
    /// gradients on the way. With <paramref name="needInputGradient"/> false the first layer may skip
    /// its input gradient and null is returned.
    /// </summary>
    public Tensor? Backward(Tensor dlogits, bool needInputGradient = true)
    {
        var g = dlogits;
        for (int i = Layers.Count - 1; i >= 0; i--)
        {
            bool need = i > 0 || needInputGradient;
            g = Layers[i].Backward(g, need)!;
            if (!need) return null;
        }
        return g.Clone();
    }

    /// <summary>
    /// dlogits [N,K] for the last Forward → ∂L/∂x [N,C,H,W] (a copy), without touching parameter
    /// gradients: the fast path for attacks, which only need the input gradient.
    /// </summary>
    public Tensor InputGradient(Tensor dlogits)
    {
        var g = dlogits;
        for (int i = Layers.Count - 1; i >= 0; i--) g = Layers[i].InputGradient(g);
        return g.Clone();
    }

    /// <summary>Trainable parameters with their PyTorch names ("conv1.weight").</summary>
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters() =>
        Layers.SelectMany(l => l.Parameters.Select(p => ($"{l.Name}.{p.Name}", p)));

    /// <summary>Everything that is saved: parameters and buffers, in layer order.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> NamedState() =>
        Layers.SelectMany(l => l.Parameters.Concat(l.Buffers).Select(p => ($"{l.Name}.{p.Name}", p)));

    public int ParameterCount => NamedParameters().Sum(p => p.Parameter.Value.Length);

    public void ZeroGrad()
    {
        foreach (var (_, p) in NamedParameters()) p.ZeroGrad();
    }

    /// <summary>Copies of the weights, keyed by PyTorch name.</summary>
    public Dictionary<string, Tensor> StateDict() => NamedState().ToDictionary(p => p.Name, p => p.Parameter.Value.Clone());

    /// <summary>Loads weights by name; every tensor must be present with the right shape and nothing else may be.</summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        var expected = NamedState().ToList();
        var missing = expected.Where(p => !state.ContainsKey(p.Name)).Select(p => p.Name).ToList();
        if (missing.Count > 0) throw new InvalidDataException($"{Architecture}: weights are missing {string.Join(", ", missing)}.");
        var known = expected.Select(p => p.Name).ToHashSet();
        var unexpected = state.Keys.Where(k => !known.Contains(k) && !k.EndsWith(".num_batches_tracked", StringComparison.Ordinal)).ToList();
        if (unexpected.Count > 0) throw new InvalidDataException($"{Architecture}: unexpected tensors {string.Join(", ", unexpected)}.");
        foreach (var (name, p) in expected)
        {
            var t = state[name];
            if (!t.SameShape(p.Value))
                throw new InvalidDataException($"{Architecture}: '{name}' has shape {t.ShapeString}, expected {p.Value.ShapeString}.");
        }
        foreach (var (name, p) in expected) state[name].Data.CopyTo(p.Value.Data, 0);
    }

    public ActivationSlot Slot(string name) =>
        Slots.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"{Architecture} has no activation slot '{name}'. Slots: {string.Join(", ", Slots.Select(s => s.Name))}.");

    /// <summary>
    /// Puts <paramref name="activation"/> (a fresh clone per slot) into every retrofittable slot;
    /// <paramref name="backward"/>, when given, becomes every such slot's backward surrogate (BPDA).
    /// </summary>
    public void Retrofit(Activation activation, Activation? backward = null)
    {
        int i = 0;
        foreach (var slot in Slots.Where(s => s.Retrofittable))
        {
            slot.Function = activation is RandomizedJumpReLU r ? new RandomizedJumpReLU(r.B, r.Seed + i++) : activation.Clone();
            slot.BackwardFunction = backward?.Clone();
        }
    }

    /// <summary>Forward FLOPs for one example.</summary>
    public long ForwardFlops()
    {
        int[] shape = [1, .. InputShape];
        long flops = 0;
        foreach (var layer in Layers) { flops += layer.ForwardFlops(shape); shape = layer.OutputShape(shape); }
        return flops;
    }

    private void CheckInput(Tensor x)
    {
        if (x.Rank != InputShape.Length + 1 || !x.Shape.AsSpan(1).SequenceEqual(InputShape))
            throw new ArgumentException($"{Architecture} expects input [N,{string.Join(",", InputShape)}], got {x.ShapeString}.");
    }

    public override string ToString() => $"{Architecture} ({ParameterCount:N0} parameters): " + string.Join(" → ", Layers.Select(l => l.Name));
}
