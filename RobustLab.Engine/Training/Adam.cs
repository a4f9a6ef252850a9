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
            for (int j = 0; j < theta.Length; j++)
            {
                float g = grad[j] + weightDecay * theta[j];
                m[j] = beta1 * m[j] + (1 - beta1) * g;
                v[j] = beta2 * v[j] + (1 - beta2) * g * g;
                theta[j] -= stepSize * m[j] / (MathF.Sqrt(v[j]) / sqrtC2 + epsilon);
            }
        }
    }
}
