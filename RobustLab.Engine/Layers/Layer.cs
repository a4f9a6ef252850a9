using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Layers;

/// <summary>
/// One layer of a network: Forward caches what Backward needs; Backward accumulates parameter
/// gradients and returns the gradient with respect to the input (the ConvNetJS / Caffe contract).
/// </summary>
/// <remarks>
/// Output tensors are layer-owned buffers reused across calls of the same shape, so a result is
/// valid until the layer's next Forward/Backward; <see cref="Models.Network"/> copies what it hands out.
/// A layer instance has one owner at a time (not thread-safe); kernels inside are parallel.
/// </remarks>
public abstract class Layer(string name)
{
    /// <summary>The PyTorch module name ("conv1", "fc2"): parameters are saved as Name.weight.</summary>
    public string Name { get; } = name;

    /// <summary>x: input batch (N first). training selects batch statistics / dropout masks.</summary>
    public abstract Tensor Forward(Tensor x, bool training);

    /// <summary>
    /// gradOutput: ∂L/∂y for the last Forward. Returns ∂L/∂x, or null when
    /// <paramref name="needInputGradient"/> is false and the layer could skip that work.
    /// </summary>
    public abstract Tensor? Backward(Tensor gradOutput, bool needInputGradient = true);

    /// <summary>
    /// ∂L/∂x for the last Forward without accumulating parameter gradients (what an attack needs).
    /// Layers with parameters override it to skip that work; the default runs <see cref="Backward"/>.
    /// </summary>
    public virtual Tensor InputGradient(Tensor gradOutput) =>
        Backward(gradOutput, needInputGradient: true) ?? throw new InvalidOperationException($"{Name}: Backward returned no input gradient.");

    public virtual IReadOnlyList<Parameter> Parameters => [];

    /// <summary>Non-trainable state saved with the weights (e.g. BatchNorm running statistics).</summary>
    public virtual IReadOnlyList<Parameter> Buffers => [];

    /// <summary>Output shape for an input shape (batch first), used to validate architectures.</summary>
    public abstract int[] OutputShape(int[] inputShape);

    /// <summary>Floating-point operations of Forward for one example of the given shape (batch excluded).</summary>
    public virtual long ForwardFlops(int[] inputShape) => 0;

    public override string ToString() => $"{Name}: {GetType().Name}";

    /// <summary>Returns <paramref name="cache"/> when it has the requested shape, else a new tensor stored in it.</summary>
    protected static Tensor Reuse(ref Tensor? cache, params int[] shape)
    {
        if (cache is null || !cache.Shape.AsSpan().SequenceEqual(shape)) cache = new Tensor(shape);
        return cache;
    }

    protected static void RequireRank(Tensor x, int rank, string layer)
    {
        if (x.Rank != rank)
            throw new ArgumentException($"{layer} expects a rank-{rank} input, got {x.ShapeString}.");
    }

    protected Tensor Cached(Tensor? cache) =>
        cache ?? throw new InvalidOperationException($"{Name}: Backward called before Forward.");
}
