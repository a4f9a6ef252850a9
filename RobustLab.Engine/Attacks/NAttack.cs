using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;

namespace RobustLab.Engine.Attacks;

/// <summary>NATTACK (Li, Li, Wang, Zhang &amp; Gong, ICML 2019, "NATTACK: Learning the distributions of adversarial examples for an improved
/// black-box attack on deep neural networks", §2, Algorithm 1): black-box, L∞ or L2 — the attacker of the smoothed-inference paper's §5.</summary>
/// <remarks>
/// Learns a Gaussian N(μ, σ²I) in the tanh space of the image whose samples are adversarial: a sample z = μ + σε maps to the image
/// x̃ = x + Proj_ε(g(arctanh(2x − 1) + z) − x), g(u) = ½(tanh u + 1), so every sample lies in the threat model. The loss of a sample
/// is the C&amp;W margin on log-probabilities, f = max(0, log p_y − max_{c≠y} log p_c); μ follows the natural-evolution-strategies
/// estimate of its gradient from b samples with standardised losses, μ ← μ − η/(bσ)·Σᵢ Âᵢεᵢ, Âᵢ = (fᵢ − mean f)/(std f + 10⁻⁷).
/// An example is fooled when the image at the mean μ is misclassified (checked before every update, and after the last).
/// Defaults are the paper's: b = 300, σ = 0.1, η = 0.02, μ₀ ~ N(0, 0.001²), 500 iterations. Queries per example: 1 per check of the
/// mean plus b per update, counted until it is fooled.
/// NOTE: arctanh(2x − 1) takes 2x − 1 scaled by 0.999999, as the authors' code does, so pixels at 0 or 1 stay finite.
/// </remarks>
public sealed class NAttack(ThreatModel threat, int iterations = 500, int population = 300, float sigma = 0.1f, float learningRate = 0.02f) : Attack
{
    public ThreatModel Threat { get; } = threat.Validate();
    public int Iterations { get; } = iterations >= 1 ? iterations : throw new ArgumentException($"NAttack iterations must be ≥ 1, got {iterations}.");
    public int Population { get; } = population >= 2 ? population : throw new ArgumentException($"NAttack's population must be ≥ 2, got {population}.");
    public float Sigma { get; } = sigma > 0 && float.IsFinite(sigma) ? sigma : throw new ArgumentException($"NAttack's σ must be > 0, got {sigma}.");
    public float LearningRate { get; } = learningRate > 0 && float.IsFinite(learningRate) ? learningRate : throw new ArgumentException($"NAttack's learning rate must be > 0, got {learningRate}.");

    public override string Name => "nattack";
    public override bool CountsQueries => true;

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context) =>
        Perturb(model, x, labels, context, new int[x.N]);

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context, int[] queries)
    {
        var rng = new Random(context.Seed);
        int size = x.ExampleSize, b = Population;
        var adversarial = x.Clone();
        var active = Apgd.Indices(Apgd.Robust(model, x, labels, context)).ToList();
        var tanhX = x.Data.Select(v => MathF.Atanh((2 * v - 1) * 0.999999f)).ToArray();
        var mu = new Dictionary<int, float[]>();
        foreach (int e in active) mu[e] = Enumerable.Range(0, size).Select(_ => 0.001f * Pgd.Gaussian(rng)).ToArray();
        for (int t = 0; t <= Iterations && active.Count > 0; t++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            // the mean's image: fooled examples are done
            var means = new Tensor([active.Count, .. x.Shape[1..]]);
            for (int a = 0; a < active.Count; a++) Image(means.Data.AsSpan(a * size, size), x, tanhX, active[a], mu[active[a]], null, 0f);
            var predictions = SoftmaxCrossEntropy.Argmax(model.Logits(means));
            for (int a = active.Count - 1; a >= 0; a--)
            {
                int e = active[a];
                queries[e]++;
                if (predictions[a] == labels[e]) continue;
                Array.Copy(means.Data, a * size, adversarial.Data, e * size, size);
                active.RemoveAt(a);
            }
            if (t == Iterations || active.Count == 0) break;

            // b samples per example around μ, their losses, and the NES step on μ
            var noise = new float[active.Count][];
            var samples = new Tensor([active.Count * b, .. x.Shape[1..]]);
            for (int a = 0; a < active.Count; a++)
            {
                noise[a] = new float[b * size];
                for (int i = 0; i < noise[a].Length; i++) noise[a][i] = Pgd.Gaussian(rng);
                for (int s = 0; s < b; s++)
                    Image(samples.Data.AsSpan((a * b + s) * size, size), x, tanhX, active[a], mu[active[a]], noise[a].AsSpan(s * size, size), Sigma);
            }
            var logits = model.Logits(samples);
            int k = logits.Shape[1];
            for (int a = 0; a < active.Count; a++)
            {
                int e = active[a];
                queries[e] += b;
                var f = new float[b];
                for (int s = 0; s < b; s++) f[s] = MarginLoss(logits.Data.AsSpan((a * b + s) * k, k), labels[e]);
                float mean = f.Average(), std = MathF.Sqrt(f.Select(v => (v - mean) * (v - mean)).Average());
                var m = mu[e];
                float scale = LearningRate / (b * Sigma);
                for (int s = 0; s < b; s++)
                {
                    float weight = scale * (f[s] - mean) / (std + 1e-7f);
                    var eps = noise[a].AsSpan(s * size, size);
                    for (int i = 0; i < size; i++) m[i] -= weight * eps[i];
                }
            }
            context.Progress?.Report((t + 1.0) / Iterations);
        }
        return adversarial;
    }

    /// <summary>dst = x + Proj_ε(g(arctanh(2x − 1) + μ + σε) − x), clipped to [0,1].</summary>
    private void Image(Span<float> dst, Tensor x, float[] tanhX, int example, float[] mu, ReadOnlySpan<float> noise, float sigma)
    {
        int size = dst.Length, offset = example * size;
        for (int i = 0; i < size; i++)
        {
            float z = tanhX[offset + i] + mu[i] + (noise.IsEmpty ? 0f : sigma * noise[i]);
            dst[i] = 0.5f * (MathF.Tanh(z) + 1f) - x.Data[offset + i];
        }
        if (Threat.Norm == LpNorm.Linf)
            for (int i = 0; i < size; i++) dst[i] = Math.Clamp(dst[i], -Threat.Epsilon, Threat.Epsilon);
        else
        {
            float length = System.Numerics.Tensors.TensorPrimitives.Norm(dst);
            if (length > Threat.Epsilon) System.Numerics.Tensors.TensorPrimitives.Multiply(dst, Threat.Epsilon / length, dst);
        }
        for (int i = 0; i < size; i++) dst[i] = Math.Clamp(x.Data[offset + i] + dst[i], 0f, 1f);
    }

    /// <summary>f = max(0, log p_y − max_{c≠y} log p_c) = max(0, z_y − max_{c≠y} z_c) (log-softmax differences are logit differences).</summary>
    private static float MarginLoss(ReadOnlySpan<float> z, int y)
    {
        float other = float.NegativeInfinity;
        for (int c = 0; c < z.Length; c++) if (c != y) other = MathF.Max(other, z[c]);
        return MathF.Max(0f, z[y] - other);
    }
}
