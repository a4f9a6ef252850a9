using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Layers;

/// <summary>Batch normalisation per channel: y = γ·(x − μ)/√(σ² + ε) + β.</summary>
/// <remarks>
/// Training uses the batch's μ, σ² (biased) and updates the running statistics as PyTorch does
/// (momentum 0.1, running variance unbiased); eval uses the running statistics.
/// Backward (training): dx = γ/σ̂ · (dy − mean(dy) − x̂·mean(dy·x̂)); in eval, dx = γ/σ̂ · dy.
/// State names follow PyTorch: weight, bias, running_mean, running_var.
/// </remarks>
public sealed class BatchNorm2d : Layer
{
    public int Channels { get; }
    public float Epsilon { get; }
    public float Momentum { get; }
    public Parameter Gamma { get; }
    public Parameter Beta { get; }
    public Parameter RunningMean { get; }
    public Parameter RunningVar { get; }

    private Tensor? _y, _dx, _xhat;
    private float[] _invStd = [];
    private bool _trainingMode;

    public BatchNorm2d(string name, int channels, float epsilon = 1e-5f, float momentum = 0.1f) : base(name)
    {
        if (channels < 1) throw new ArgumentException($"{name}: channels must be ≥ 1.");
        (Channels, Epsilon, Momentum) = (channels, epsilon, momentum);
        Gamma = new Parameter("weight", new Tensor(channels));
        Array.Fill(Gamma.Value.Data, 1f);
        Beta = new Parameter("bias", new Tensor(channels));
        RunningMean = new Parameter("running_mean", new Tensor(channels));
        RunningVar = new Parameter("running_var", new Tensor(channels));
        Array.Fill(RunningVar.Value.Data, 1f);
    }

    public override IReadOnlyList<Parameter> Parameters => [Gamma, Beta];
    public override IReadOnlyList<Parameter> Buffers => [RunningMean, RunningVar];

    public override int[] OutputShape(int[] s) => s.Length == 4 && s[1] == Channels ? s
        : throw new ArgumentException($"{Name} expects [N,{Channels},H,W], got [{string.Join(",", s)}].");

    // x [N,C,H,W] → y [N,C,H,W]
    public override Tensor Forward(Tensor x, bool training)
    {
        OutputShape(x.Shape);
        _trainingMode = training;
        int n = x.N, hw = x.Shape[2] * x.Shape[3];
        var y = Reuse(ref _y, x.Shape);
        var xhat = Reuse(ref _xhat, x.Shape);
        if (_invStd.Length != Channels) _invStd = new float[Channels];
        for (int c = 0; c < Channels; c++)
        {
            float mean, var;
            if (training)
            {
                double s = 0, s2 = 0;
                for (int i = 0; i < n; i++)
                    foreach (float v in x.Data.AsSpan((i * Channels + c) * hw, hw)) { s += v; s2 += (double)v * v; }
                int m = n * hw;
                mean = (float)(s / m);
                var = (float)Math.Max(0, s2 / m - (s / m) * (s / m));
                float unbiased = m > 1 ? var * m / (m - 1) : var;
                RunningMean.Value.Data[c] = (1 - Momentum) * RunningMean.Value.Data[c] + Momentum * mean;
                RunningVar.Value.Data[c] = (1 - Momentum) * RunningVar.Value.Data[c] + Momentum * unbiased;
            }
            else
            {
                (mean, var) = (RunningMean.Value.Data[c], RunningVar.Value.Data[c]);
            }
            float inv = 1f / MathF.Sqrt(var + Epsilon), g = Gamma.Value.Data[c], b = Beta.Value.Data[c];
            _invStd[c] = inv;
            for (int i = 0; i < n; i++)
            {
                int o = (i * Channels + c) * hw;
                for (int j = 0; j < hw; j++)
                {
                    float h = (x.Data[o + j] - mean) * inv;
                    xhat.Data[o + j] = h;
                    y.Data[o + j] = g * h + b;
                }
            }
        }
        return y;
    }

    // dy [N,C,H,W] → dx [N,C,H,W]
    public override Tensor? Backward(Tensor dy, bool needInputGradient = true) => Gradients(dy, accumulate: true);

    // dy [N,C,H,W] → dx [N,C,H,W], γ and β gradients untouched.
    public override Tensor InputGradient(Tensor dy) => Gradients(dy, accumulate: false);

    private Tensor Gradients(Tensor dy, bool accumulate)
    {
        var xhat = Cached(_xhat);
        int n = xhat.N, hw = xhat.Shape[2] * xhat.Shape[3], m = n * hw;
        var dx = Reuse(ref _dx, xhat.Shape);
        for (int c = 0; c < Channels; c++)
        {
            double sumDy = 0, sumDyXhat = 0;
            for (int i = 0; i < n; i++)
            {
                int o = (i * Channels + c) * hw;
                for (int j = 0; j < hw; j++) { sumDy += dy.Data[o + j]; sumDyXhat += dy.Data[o + j] * xhat.Data[o + j]; }
            }
            if (accumulate)
            {
                Gamma.Grad.Data[c] += (float)sumDyXhat;
                Beta.Grad.Data[c] += (float)sumDy;
            }
            float k = Gamma.Value.Data[c] * _invStd[c];
            float meanDy = (float)(sumDy / m), meanDyXhat = (float)(sumDyXhat / m);
            for (int i = 0; i < n; i++)
            {
                int o = (i * Channels + c) * hw;
                for (int j = 0; j < hw; j++)
                    dx.Data[o + j] = _trainingMode
                        ? k * (dy.Data[o + j] - meanDy - xhat.Data[o + j] * meanDyXhat)
                        : k * dy.Data[o + j];
            }
        }
        return dx;
    }
}
