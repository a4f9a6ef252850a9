using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Sweeps;
using RobustLab.Engine.Tensors;
using RobustLab.Tests.Attacks;
using RobustLab.Torch;
using Xunit.Abstractions;

namespace RobustLab.Tests.Torch;

/// <summary>
/// Attacks on both backends (the committed lenet-like model, real MNIST test images) give the same adversarial images:
/// FGSM and PGD (no random start) pixel for pixel except where a gradient component is within rounding of zero — there
/// the sign of a component that is 0 in exact arithmetic is a coin toss of the summation order; DeepFool and C&amp;W within
/// a stated tolerance (their iterates are continuous functions of the gradients).
/// </summary>
/// <remarks>
/// NOTE: the engine follows PyTorch's sub-gradient conventions (ReLU′(0) = 0, sign(0) = 0; max-pool ties go to the first
/// index). A pixel whose sign differs with a gradient that is NOT near zero would be a real disagreement and fails the test.
/// </remarks>
public sealed class AttackAgreementTests(ITestOutputHelper output)
{
    private const int Examples = 32;

    // |g| ≤ this × max |g| of the example: a component that rounding alone can push to either side of 0.
    private const float NearZero = 1e-5f;

    private static (IClassifier Native, IClassifier Torch) Models()
    {
        var spec = ModelSpec.From(TrainedModel.Load());
        return (spec.CreateClassifier(), (spec with { Backend = new TorchBackend() }).CreateClassifier());
    }

    /// <summary>Pixels where a and b differ; each must have a near-zero component in one of the two gradients.</summary>
    private static (int Differ, int NotNearZero) Compare(Tensor a, Tensor b, Tensor g, Tensor gt)
    {
        int differ = 0, bad = 0, size = a.ExampleSize;
        for (int n = 0; n < a.N; n++)
        {
            float scale = 0;
            for (int i = n * size; i < (n + 1) * size; i++) scale = Math.Max(scale, Math.Abs(g[i]));
            for (int i = n * size; i < (n + 1) * size; i++)
            {
                if (a[i] == b[i]) continue;
                differ++;
                if (Math.Min(Math.Abs(g[i]), Math.Abs(gt[i])) > NearZero * scale) bad++;
            }
        }
        return (differ, bad);
    }

    [Fact]
    public void Fgsm_gives_the_same_adversarial_images_pixel_for_pixel_except_at_near_zero_gradients()
    {
        var (native, onTorch) = Models();
        var data = TrainedModel.MnistTest(Examples);
        var loss = Losses.CrossEntropy(data.Labels);
        var a = new Fgsm(0.1f).Run(native, data.Images, data.Labels).Adversarial;
        var b = new Fgsm(0.1f).Run(onTorch, data.Images, data.Labels).Adversarial;
        var (differ, bad) = Compare(a, b, native.InputGradient(data.Images, loss).Gradient, onTorch.InputGradient(data.Images, loss).Gradient);
        output.WriteLine($"FGSM ε=0.1, {Examples} MNIST images: {differ} of {a.Length} pixels differ, {bad} of them where the gradient is not near zero.");
        Assert.Equal(0, bad);
        Assert.True(differ <= a.Length / 1000, $"{differ} pixels differ");
    }

    [Fact]
    public void Pgd_steps_agree_pixel_for_pixel_except_at_near_zero_gradients()
    {
        // Lock-step: every native iterate xᵗ is also stepped with libtorch's gradient; the two next iterates may differ only at
        // near-zero gradient components. Then the two full runs are compared (differences there can compound, and are counted).
        var (native, onTorch) = Models();
        var data = TrainedModel.MnistTest(Examples);
        var loss = Losses.CrossEntropy(data.Labels);
        var threat = new ThreatModel(LpNorm.Linf, 0.1f);
        var iterates = new List<Tensor>();
        var pgd = new Pgd(threat, steps: 10, stepSize: 0.02f, randomStart: false);
        var a = pgd.Run(native, data.Images, data.Labels, new AttackContext(Iterate: (_, xt) => iterates.Add(xt.Clone()))).Adversarial;
        int differ = 0, bad = 0;
        for (int t = 0; t + 1 < iterates.Count; t++)
        {
            var g = native.InputGradient(iterates[t], loss).Gradient;
            var gt = onTorch.InputGradient(iterates[t], loss).Gradient;
            var next = Fgsm.Step(data.Images, iterates[t], gt, LpNorm.Linf, 0.02f, threat);
            var (d, b) = Compare(iterates[t + 1], next, g, gt);
            (differ, bad) = (differ + d, bad + b);
        }
        var full = pgd.Run(onTorch, data.Images, data.Labels).Adversarial;
        int fullDiffer = a.Data.Zip(full.Data).Count(p => p.First != p.Second);
        output.WriteLine($"PGD-10 ε=0.1 α=0.02, {Examples} MNIST images: lock-step {differ} pixel steps differ ({bad} not at a near-zero gradient); full runs differ in {fullDiffer} of {a.Length} pixels.");
        Assert.Equal(11, iterates.Count);
        Assert.Equal(0, bad);
        Assert.True(fullDiffer <= a.Length / 100, $"{fullDiffer} pixels differ after 10 steps");
    }

    [Fact]
    public void DeepFool_and_carlini_wagner_agree_within_a_stated_tolerance()
    {
        // Stated tolerance: the adversarial images differ by at most 1e-3 per pixel for DeepFool (a few linearised steps),
        // and C&W's perturbation norms by at most 1 % (relative) per example, with the same examples turned.
        var (native, onTorch) = Models();
        var data = TrainedModel.MnistTest(8);
        var deepFool = new DeepFool(LpNorm.L2);
        var a = deepFool.Run(native, data.Images, data.Labels).Adversarial;
        var b = deepFool.Run(onTorch, data.Images, data.Labels).Adversarial;
        double deepFoolDiff = a.Data.Zip(b.Data).Max(p => Math.Abs(p.First - p.Second));
        output.WriteLine($"DeepFool L2: max pixel difference {deepFoolDiff:G3}.");
        Assert.True(deepFoolDiff <= 1e-3, $"DeepFool images differ by {deepFoolDiff:G3}");

        var cw = new CarliniWagner(steps: 30, binarySearchSteps: 3);
        var ra = cw.Run(native, data.Images, data.Labels);
        var rb = cw.Run(onTorch, data.Images, data.Labels);
        Assert.Equal(ra.AdversarialPredictions.Select((p, i) => p != data.Labels[i]), rb.AdversarialPredictions.Select((p, i) => p != data.Labels[i]));
        int size = data.Images.ExampleSize;
        double worst = 0;
        for (int n = 0; n < data.Count; n++)
        {
            double na = L2(ra.Adversarial, data.Images, n, size), nb = L2(rb.Adversarial, data.Images, n, size);
            if (na > 0) worst = Math.Max(worst, Math.Abs(na - nb) / na);
        }
        output.WriteLine($"C&W L2 (30 steps × 3 c): largest relative difference of ‖δ‖₂ {worst:G3}.");
        Assert.True(worst <= 0.01, $"C&W perturbation norms differ by {worst:P2}");
    }

    private static double L2(Tensor adversarial, Tensor clean, int n, int size)
    {
        double s = 0;
        for (int i = n * size; i < (n + 1) * size; i++) s += (adversarial[i] - clean[i]) * (double)(adversarial[i] - clean[i]);
        return Math.Sqrt(s);
    }
}
