using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Attacks;

/// <summary>"Random truncated normal perturbation" (Kurakin et al. 2017, App. A): a noise baseline, x̃ = clip₀₁(x + 𝒯).</summary>
/// <remarks>
/// L∞: 𝒯ᵢ ~ N(0, (0.5ε)²) truncated to [−ε, ε], pixels independent — tf.truncated_normal(stddev = 0.5ε), which
/// redraws beyond 2σ = ε. L2 (our extension): 𝒩(0, σ²I) with σ = 0.5ε/√d (so E‖𝒯‖₂² = (0.5ε)²) truncated to the
/// L2 ε-ball, again by redrawing. Either way ‖𝒯‖ ≤ ε before the pixel clip; drawn from <c>new Random(seed)</c>.
/// </remarks>
public sealed class RandomNormal(float epsilon, LpNorm norm = LpNorm.Linf) : Attack
{
    public ThreatModel Threat { get; } = new ThreatModel(norm, epsilon).Validate();

    public override string Name => "random-normal";

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context)
    {
        var rng = new Random(context.Seed);
        var adversarial = x.Clone();
        int size = x.ExampleSize;
        float eps = Threat.Epsilon;
        for (int n = 0; n < x.N; n++)
        {
            var row = adversarial.Data.AsSpan(n * size, size);
            if (Threat.Norm == LpNorm.Linf)
            {
                for (int i = 0; i < size; i++)
                {
                    float t;
                    do t = 0.5f * eps * Pgd.Gaussian(rng); while (MathF.Abs(t) > eps);
                    row[i] += t;
                }
            }
            else
            {
                var t = new float[size];
                float sigma = 0.5f * eps / MathF.Sqrt(size);
                do { for (int i = 0; i < size; i++) t[i] = sigma * Pgd.Gaussian(rng); }
                while (System.Numerics.Tensors.TensorPrimitives.Norm(t) > eps);
                System.Numerics.Tensors.TensorPrimitives.Add(row, t, row);
            }
        }
        // NOTE: 𝒯 already lies in the ε-ball; the projection only clips to the pixel box (and absorbs rounding).
        NormMath.Project(adversarial, x, Threat.Norm, eps);
        return adversarial;
    }
}
