using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Attacks;

/// <summary>Projected gradient descent (Madry et al. 2018) in L∞ or L2, with an optional random start.</summary>
/// <remarks>
/// x⁰ = x (+ uniform noise in the ε-ball when <c>randomStart</c>); xᵗ⁺¹ = Proj_{x,ε}(xᵗ + α·direction(∇ₓJ(xᵗ, y))).
/// Without the random start this is the L∞ iteration of Kurakin et al.'s basic iterative method (§2.2; see
/// <see cref="Bim"/> for its α = 1/255 schedule); one step with α = ε equals FGSM. Targeted runs descend J(·, t).
/// Each iterate xᵗ (t = 0 the start) goes to <see cref="AttackContext.Iterate"/>, so a sweep reads accuracy after every
/// t off one run (JumpReLU App. B). With <c>marginLoss</c> the ascended loss is C&amp;W's margin (<see cref="Losses.Margin"/>) in place of J.
/// </remarks>
public sealed class Pgd(ThreatModel threat, int steps, float stepSize, bool randomStart = true, bool targeted = false, bool marginLoss = false) : Attack
{
    public ThreatModel Threat { get; } = threat.Validate();
    public int Steps { get; } = steps >= 0 ? steps : throw new ArgumentException($"PGD steps must be ≥ 0, got {steps}.");
    public float StepSize { get; } = stepSize >= 0 && float.IsFinite(stepSize) ? stepSize : throw new ArgumentException($"PGD step size must be ≥ 0, got {stepSize}.");
    public bool RandomStart { get; } = randomStart;
    public bool MarginLoss { get; } = !(marginLoss && targeted) ? marginLoss : throw new ArgumentException("PGD's margin loss is untargeted.");

    public override string Name => targeted ? "pgd-targeted" : "pgd";
    public override bool Targeted => targeted;

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context)
    {
        var loss = targeted ? Losses.TowardsTarget(context.Targets!) : MarginLoss ? Losses.Margin(labels) : Losses.CrossEntropy(labels);
        var current = RandomStart ? RandomInBall(x, Threat, new Random(context.Seed)) : x.Clone();
        context.Iterate?.Invoke(0, current);
        for (int t = 0; t < Steps; t++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var (gradient, _) = model.InputGradient(current, loss);
            current = Fgsm.Step(x, current, gradient, Threat.Norm, StepSize, Threat);
            context.Iterate?.Invoke(t + 1, current);
            context.Progress?.Report((t + 1.0) / Math.Max(1, Steps));
        }
        return current;
    }

    /// <summary>x + δ with δ uniform in the ε-ball (L∞: each pixel U[−ε, ε]; L2: uniform direction, radius ε·u^(1/d)), clipped to [0,1].</summary>
    public static Tensor RandomInBall(Tensor x, ThreatModel threat, Random rng)
    {
        var result = x.Clone();
        int size = x.ExampleSize;
        for (int n = 0; n < x.N; n++)
        {
            var row = result.Data.AsSpan(n * size, size);
            if (threat.Norm == LpNorm.Linf)
            {
                for (int i = 0; i < size; i++) row[i] += threat.Epsilon * (2 * rng.NextSingle() - 1);
            }
            else
            {
                var g = new float[size];
                for (int i = 0; i < size; i++) g[i] = Gaussian(rng);
                float length = System.Numerics.Tensors.TensorPrimitives.Norm(g);
                float radius = threat.Epsilon * MathF.Pow(rng.NextSingle(), 1f / size);
                for (int i = 0; i < size; i++) row[i] += length > 0 ? g[i] / length * radius : 0f;
            }
        }
        NormMath.Project(result, x, threat.Norm, threat.Epsilon);
        return result;
    }

    /// <summary>Standard normal sample (Box–Muller).</summary>
    public static float Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }
}
