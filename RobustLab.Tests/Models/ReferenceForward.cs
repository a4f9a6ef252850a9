using RobustLab.Engine.Layers;
using RobustLab.Engine.Layers.Activations;
using RobustLab.Engine.Models;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Models;

/// <summary>
/// A slow, readable double-precision forward pass of a <see cref="Network"/> (eval mode), walking its
/// layers with naive loops. It is the oracle for the fast float32 engine: its logits must match, and
/// its central finite differences (exact to ~1e-9 in double) check the engine's input gradient.
/// </summary>
internal static class ReferenceForward
{
    /// <summary>One example x [C,H,W] → logits [K], in double.</summary>
    public static double[] Logits(Network net, ReadOnlySpan<float> example)
    {
        var h = new double[example.Length];
        for (int i = 0; i < h.Length; i++) h[i] = example[i];
        int[] shape = net.InputShape;
        foreach (var layer in net.Layers)
        {
            h = layer switch
            {
                Conv2d c => Conv(h, shape, c),
                Linear l => Dense(h, l),
                MaxPool2d p => Pool(h, shape, p.Kernel, p.Stride, max: true),
                AvgPool2d p => Pool(h, shape, p.Kernel, p.Stride, max: false),
                ActivationSlot s => h.Select(z => Activate(s.Function, z)).ToArray(),
                Flatten or Dropout or Dropout2d => h,
                _ => throw new NotSupportedException($"No reference for {layer.GetType().Name}."),
            };
            shape = layer.OutputShape([1, .. shape])[1..];
        }
        return h;
    }

    /// <summary>Mean-free cross-entropy of one example, in double.</summary>
    public static double CrossEntropy(Network net, ReadOnlySpan<float> example, int label)
    {
        var z = Logits(net, example);
        double max = z.Max();
        return max + Math.Log(z.Sum(v => Math.Exp(v - max))) - z[label];
    }

    private static double[] Conv(double[] x, int[] s, Conv2d c)
    {
        int C = s[0], H = s[1], W = s[2], k = c.Kernel, st = c.Stride, p = c.Padding;
        int ho = (H + 2 * p - k) / st + 1, wo = (W + 2 * p - k) / st + 1;
        var w = c.Weight.Value;
        var y = new double[c.OutChannels * ho * wo];
        for (int o = 0; o < c.OutChannels; o++)
            for (int i = 0; i < ho; i++)
                for (int j = 0; j < wo; j++)
                {
                    double sum = c.Bias.Value[o];
                    for (int ch = 0; ch < C; ch++)
                        for (int a = 0; a < k; a++)
                            for (int b = 0; b < k; b++)
                            {
                                int ih = i * st - p + a, iw = j * st - p + b;
                                if (ih >= 0 && ih < H && iw >= 0 && iw < W)
                                    sum += x[(ch * H + ih) * W + iw] * w[((o * C + ch) * k + a) * k + b];
                            }
                    y[(o * ho + i) * wo + j] = sum;
                }
        return y;
    }

    private static double[] Dense(double[] x, Linear l)
    {
        var y = new double[l.OutFeatures];
        for (int o = 0; o < l.OutFeatures; o++)
        {
            double sum = l.Bias.Value[o];
            for (int f = 0; f < l.InFeatures; f++) sum += x[f] * l.Weight.Value[o * l.InFeatures + f];
            y[o] = sum;
        }
        return y;
    }

    private static double[] Pool(double[] x, int[] s, int k, int st, bool max)
    {
        int C = s[0], H = s[1], W = s[2], ho = (H - k) / st + 1, wo = (W - k) / st + 1;
        var y = new double[C * ho * wo];
        for (int c = 0; c < C; c++)
            for (int i = 0; i < ho; i++)
                for (int j = 0; j < wo; j++)
                {
                    double acc = max ? double.NegativeInfinity : 0;
                    for (int a = 0; a < k; a++)
                        for (int b = 0; b < k; b++)
                        {
                            double v = x[(c * H + i * st + a) * W + j * st + b];
                            acc = max ? Math.Max(acc, v) : acc + v / (k * k);
                        }
                    y[(c * ho + i) * wo + j] = acc;
                }
        return y;
    }

    private static double Activate(Activation f, double z) => f switch
    {
        ReLU => Math.Max(0, z),
        JumpReLU j => z > j.Kappa ? z : 0,
        SlopedReLU s => s.Alpha * Math.Max(0, z),
        Tanh => Math.Tanh(z),
        Sigmoid => 1 / (1 + Math.Exp(-z)),
        Softplus => z > 20 ? z : Math.Log(1 + Math.Exp(z)),
        Elu e => z > 0 ? z : e.Alpha * (Math.Exp(z) - 1),
        LeakyReLU l => z > 0 ? z : l.Slope * z,
        _ => throw new NotSupportedException($"No reference for {f.Spec}."),
    };
}
