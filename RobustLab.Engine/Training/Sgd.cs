using RobustLab.Engine.Layers;

namespace RobustLab.Engine.Training;

/// <summary>SGD with momentum and weight decay, PyTorch semantics.</summary>
/// <remarks>g ← ∇ + λ·θ;  v ← μ·v + g (v = g on the first step);  θ ← θ − η·v.</remarks>
public sealed class Sgd(IReadOnlyList<Parameter> parameters, float learningRate, float momentum = 0f, float weightDecay = 0f)
    : Optimizer(parameters, learningRate)
{
    public float Momentum { get; } = momentum;
    public float WeightDecay { get; } = weightDecay;

    private readonly float[][] _velocity = parameters.Select(p => new float[p.Value.Length]).ToArray();
    private bool _started;

    public override void Step()
    {
        for (int i = 0; i < Parameters.Count; i++)
        {
            var theta = Parameters[i].Value.Data;
            var grad = Parameters[i].Grad.Data;
            var v = _velocity[i];
            for (int j = 0; j < theta.Length; j++)
            {
                float g = grad[j] + WeightDecay * theta[j];
                if (Momentum != 0) g = v[j] = _started ? Momentum * v[j] + g : g;
                theta[j] -= LearningRate * g;
            }
        }
        _started = true;
    }
}
