using System.Runtime.Intrinsics;
using RobustLab.Engine.Layers;

namespace RobustLab.Engine.Training;

/// <summary>Adam (Kingma &amp; Ba 2015), PyTorch semantics (L2 weight decay added to the gradient).</summary>
/// <remarks>
/// m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − η·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε).
/// </remarks>
public sealed class Adam(IReadOnlyList<Parameter> parameters, float learningRate = 1e-3f,
    float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f)
    : Optimizer(parameters, learningRate)
{
    private readonly float[][] _m = parameters.Select(p => new float[p.Value.Length]).ToArray();
    private readonly float[][] _v = parameters.Select(p => new float[p.Value.Length]).ToArray();
    private int _t;

    public override void Step()
    {
        _t++;
        float c1 = 1 - MathF.Pow(beta1, _t), c2 = 1 - MathF.Pow(beta2, _t);
        float stepSize = LearningRate / c1, sqrtC2 = MathF.Sqrt(c2);
        for (int i = 0; i < Parameters.Count; i++)
        {
            var theta = Parameters[i].Value.Data;
            var grad = Parameters[i].Grad.Data;
            var m = _m[i];
            var v = _v[i];
            int j = Update(theta, grad, m, v, stepSize, sqrtC2);
            for (; j < theta.Length; j++)
            {
                float g = grad[j] + weightDecay * theta[j];
                m[j] = beta1 * m[j] + (1 - beta1) * g;
                v[j] = beta2 * v[j] + (1 - beta2) * g * g;
                theta[j] -= stepSize * m[j] / (MathF.Sqrt(v[j]) / sqrtC2 + epsilon);
            }
        }
    }

    // The loop above, 16 lanes at a time with the same operations in the same order (bit-identical);
    // returns how many entries it did.
    private int Update(float[] theta, float[] grad, float[] m, float[] v, float stepSize, float sqrtC2)
    {
        var b1 = Vector512.Create(beta1);
        var b2 = Vector512.Create(beta2);
        var c1 = Vector512.Create(1 - beta1);
        var c2 = Vector512.Create(1 - beta2);
        var wd = Vector512.Create(weightDecay);
        var step = Vector512.Create(stepSize);
        var root = Vector512.Create(sqrtC2);
        var eps = Vector512.Create(epsilon);
        int j = 0;
        for (; j <= theta.Length - 16; j += 16)
        {
            var t = Vector512.Create<float>(theta.AsSpan(j));
            var g = Vector512.Create<float>(grad.AsSpan(j)) + wd * t;
            var mj = b1 * Vector512.Create<float>(m.AsSpan(j)) + c1 * g;
            var vj = b2 * Vector512.Create<float>(v.AsSpan(j)) + c2 * g * g;
            mj.CopyTo(m.AsSpan(j));
            vj.CopyTo(v.AsSpan(j));
            (t - step * mj / (Vector512.Sqrt(vj) / root + eps)).CopyTo(theta.AsSpan(j));
        }
        return j;
    }
}
