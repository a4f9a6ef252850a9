using RobustLab.Engine.Attacks;
using RobustLab.Engine.Metrics;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Metrics;

/// <summary>Accuracy, success rate, fooling rate and ρ (JumpReLU eq. 12) on hand-made results with hand-computed answers.</summary>
public sealed class AdversarialMetricsTests
{
    // Five examples. Clean: 0–3 correct, 4 already wrong. Adversarial: 1 and 3 turned; 0 and 2 resisted; 4 stays wrong.
    private static readonly int[] Labels = [0, 1, 2, 3, 4];
    private static readonly int[] Clean = [0, 1, 2, 3, 9];
    private static readonly int[] Adversarial = [0, 7, 2, 5, 9];

    // ‖x₁‖₂ = 0.5, ‖x₁‖∞ = 0.4; ‖x₃‖₂ = 1, ‖x₃‖∞ = 0.8; the others are never used (their perturbations are 9, which would show).
    private static readonly Tensor Images = new([0.1f, 0.1f, 0.3f, 0.4f, 0.2f, 0.2f, 0.6f, 0.8f, 0.5f, 0.5f], 5, 1, 1, 2);

    private static AttackResult Untargeted() =>
        HandMade.Result(Labels, Clean, Adversarial, l2: [9, 0.1f, 9, 0.3f, 9], linf: [9, 0.08f, 9, 0.2f, 9]);

    [Fact]
    public void Untargeted_measurements_match_a_count_by_hand()
    {
        var summary = AdversarialMetrics.Summarize(Untargeted(), Images);
        Assert.Equal(5, summary.Count);
        Assert.Equal(0.8f, summary.CleanAccuracy);           // 4/5
        Assert.Equal(0.4f, summary.AdversarialAccuracy);     // examples 0 and 2
        Assert.Equal(0.5f, summary.AttackSuccessRate);       // turned {1,3} of clean-correct {0,1,2,3}
        Assert.Equal(0.4f, summary.FoolingRate);             // prediction changed: 1 and 3, of all 5
        Assert.Equal(0.25f, summary.RhoL2!.Value, 6);        // (0.1/0.5 + 0.3/1)/2
        Assert.Equal(0.225f, summary.RhoLinf!.Value, 6);     // (0.08/0.4 + 0.2/0.8)/2
        Assert.Equal(0.2f, summary.MeanL2!.Value, 6);        // (0.1 + 0.3)/2
        Assert.Equal(0.14f, summary.MeanLinf!.Value, 6);     // (0.08 + 0.2)/2
        Assert.Equal(0.5f, summary.AccuracyRatio);           // Kurakin §4.3: 0.4/0.8
    }

    [Fact]
    public void Targeted_success_rate_excludes_examples_already_predicted_as_the_target()
    {
        // Example 2 is already predicted as its target 2: not eligible. Eligible {0,1,3}; reached the target: 0 and 3.
        var r = HandMade.Result(labels: [0, 1, 4, 3], clean: [0, 1, 2, 3], adversarial: [5, 1, 2, 7], targets: [5, 5, 2, 7]);
        Assert.Equal(2 / 3f, AdversarialMetrics.AttackSuccessRate(r)!.Value, 6);
        Assert.Equal(3, r.Success.Count(s => s)); // the naive count (3/4) would credit the attack with example 2
        Assert.Equal(0.5f, AdversarialMetrics.FoolingRate(r)); // 0 and 3 changed prediction
        Assert.Equal(0.25f, AdversarialMetrics.AdversarialAccuracy(r)); // only example 1 keeps its true label
    }

    [Fact]
    public void Ratios_without_eligible_examples_are_null()
    {
        var r = HandMade.Result(labels: [0, 1], clean: [3, 3], adversarial: [3, 3]);
        Assert.Null(AdversarialMetrics.AttackSuccessRate(r));
        Assert.Null(AdversarialMetrics.Rho(r, new Tensor([1f, 1f, 1f, 1f], 2, 1, 1, 2), LpNorm.L2));
        Assert.Null(AdversarialMetrics.MeanPerturbation(r, LpNorm.Linf));
        Assert.Equal(0f, AdversarialMetrics.CleanAccuracy(r));
    }

    [Fact]
    public void Rho_skips_all_black_images_and_rejects_a_mismatched_clean_batch()
    {
        var r = HandMade.Result(labels: [0, 0], clean: [0, 0], adversarial: [1, 1], l2: [0.5f, 0.2f], linf: [0.5f, 0.2f]);
        var images = new Tensor([0f, 0f, 0.6f, 0.8f], 2, 1, 1, 2); // example 0 is all black: ‖x‖ = 0
        Assert.Equal(0.2f, AdversarialMetrics.Rho(r, images, LpNorm.L2)!.Value, 6);
        Assert.Equal(0.25f, AdversarialMetrics.Rho(r, images, LpNorm.Linf)!.Value, 6);
        Assert.Throws<ArgumentException>(() => AdversarialMetrics.Rho(r, Images, LpNorm.L2));
    }
}
