using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Layers;

/// <summary>Fully connected layer: y = x·Wᵀ + b.</summary>
/// <remarks>
/// weight [O, F] (PyTorch layout [out, in]), bias [O]. Backward: dW += dyᵀ·x, db += Σₙ dy, dx = dy·W.
/// Rows of the batch (and rows of dW) are split across cores.
/// </remarks>
public sealed class Linear : Layer
{
    public int InFeatures { get; }
    public int OutFeatures { get; }
    public Parameter Weight { get; }
    public Parameter Bias { get; }

    private Tensor? _x, _y, _dx;

    public Linear(string name, int inFeatures, int outFeatures, Random? rng = null) : base(name)
    {
        if (inFeatures < 1 || outFeatures < 1) throw new ArgumentException($"{name}: invalid Linear({inFeatures}, {outFeatures}).");
        (InFeatures, OutFeatures) = (inFeatures, outFeatures);
        Weight = new Parameter("weight", new Tensor(outFeatures, inFeatures));
        Bias = new Parameter("bias", new Tensor(outFeatures));
        rng ??= new Random(0);
        float bound = Init.FanInBound(inFeatures);
        Init.Uniform(Weight.Value, bound, rng);
        Init.Uniform(Bias.Value, bound, rng);
    }

    public override IReadOnlyList<Parameter> Parameters => [Weight, Bias];

    public override int[] OutputShape(int[] s)
    {
        if (s.Length != 2 || s[1] != InFeatures)
            throw new ArgumentException($"{Name} expects [N,{InFeatures}], got [{string.Join(",", s)}].");
        return [s[0], OutFeatures];
    }

    public override long ForwardFlops(int[] s) => 2L * InFeatures * OutFeatures;

    // x [N,F] → y [N,O]
    public override Tensor Forward(Tensor x, bool training)
    {
        var shape = OutputShape(x.Shape);
        _x = x;
        var y = Reuse(ref _y, shape);
        int f = InFeatures, o = OutFeatures;
        var w = Weight.Value.Data;
        var b = Bias.Value.Data;
        Parallelism.For(x.N, (_, start, end) =>
        {
            var yi = y.Data.AsSpan(start * o, (end - start) * o);
            Gemm.Sgemm(false, true, end - start, o, f, x.Data.AsSpan(start * f), f, w, f, yi, o, accumulate: false);
            for (int r = 0; r < end - start; r++) TensorPrimitives.Add(yi.Slice(r * o, o), b, yi.Slice(r * o, o));
        }, minPerChunk: 32);
        return y;
    }

    // dy [N,O] → dx [N,F]
    public override Tensor? Backward(Tensor dy, bool needInputGradient = true)
    {
        var x = Cached(_x);
        int n = x.N, f = InFeatures, o = OutFeatures;
        var dw = Weight.Grad.Data;
        // dW[O,F] += dyᵀ[O,N] · x[N,F], split over rows of dW.
        Parallelism.For(o, (_, start, end) =>
            Gemm.Sgemm(true, false, end - start, f, n, dy.Data.AsSpan(start), o, x.Data, f, dw.AsSpan(start * f), f, accumulate: true),
            minPerChunk: 30);
        var db = Bias.Grad.Data;
        for (int i = 0; i < n; i++) TensorPrimitives.Add(db, dy.Data.AsSpan(i * o, o), db);
        return needInputGradient ? InputGradient(dy) : null;
    }

    // dy [N,O] → dx [N,F] = dy · W, parameter gradients untouched.
    public override Tensor InputGradient(Tensor dy)
    {
        var x = Cached(_x);
        int n = x.N, f = InFeatures, o = OutFeatures;
        var dx = Reuse(ref _dx, x.Shape);
        var w = Weight.Value.Data;
        Parallelism.For(n, (_, start, end) =>
            Gemm.Sgemm(false, false, end - start, f, o, dy.Data.AsSpan(start * o), o, w, f, dx.Data.AsSpan(start * f), f, accumulate: false),
            minPerChunk: 32);
        return dx;
    }
}
