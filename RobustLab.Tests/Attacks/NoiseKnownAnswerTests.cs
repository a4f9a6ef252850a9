using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Attacks;

/// <summary>The randomized one-step methods: Kurakin's noise baselines (App. A) and R-FGSM (Tramèr et al. 2018) — sizes, distributions, seeds.</summary>
public sealed class NoiseKnownAnswerTests
{
    // Mid-grey images: no pixel clip, so the measured perturbation is the drawn one.
    private static Tensor Grey(int n = 8) => new(Enumerable.Repeat(0.5f, n * 784).ToArray(), n, 1, 28, 28);

    private static float[] Delta(Tensor adversarial, Tensor x) => adversarial.Data.Zip(x.Data, (a, b) => a - b).ToArray();

    [Fact]
    public void Random_sign_moves_every_pixel_by_exactly_epsilon_in_linf_and_has_length_epsilon_in_l2()
    {
        var model = KnownAnswerTests.Linear2(out _, out _);
        var x = new Tensor([0.5f, 0.5f, 0.5f, 0.5f], 1, 1, 2, 2);
        var linf = new RandomSign(0.2f).Run(model, x, [0], new AttackContext(Seed: 3));
        Assert.All(Delta(linf.Adversarial, x), d => Assert.Equal(0.2f, MathF.Abs(d), 6));
        var l2 = new RandomSign(0.3f, LpNorm.L2).Run(model, x, [0], new AttackContext(Seed: 3));
        Assert.Equal(0.3f, l2.L2[0], 5);
    }

    [Fact]
    public void Random_normal_is_the_truncated_normal_of_std_half_epsilon_on_the_epsilon_interval()
    {
        // N(0, σ²) truncated to [−2σ, 2σ] has std σ·√(1 − 4φ(2)/(2Φ(2) − 1)) = 0.8796σ; here σ = 0.5ε.
        var model = new NetworkClassifier(TrainedModel.Load());
        var x = Grey();
        var result = new RandomNormal(0.2f).Run(model, x, new int[x.N], new AttackContext(Seed: 5));
        var delta = Delta(result.Adversarial, x);
        Assert.All(delta, d => Assert.True(MathF.Abs(d) <= 0.2f + 1e-6f));
        double mean = delta.Average(), std = Math.Sqrt(delta.Average(d => (d - mean) * (d - mean)));
        Assert.InRange(mean, -0.005, 0.005);
        Assert.InRange(std, 0.97 * 0.8796 * 0.1, 1.03 * 0.8796 * 0.1);
        Assert.True(delta.Max(MathF.Abs) > 0.19f, "the tails reach towards ε");
    }

    [Fact]
    public void Random_normal_in_l2_has_expected_length_half_epsilon_and_stays_in_the_ball()
    {
        var model = new NetworkClassifier(TrainedModel.Load());
        var x = Grey();
        var result = new RandomNormal(2f, LpNorm.L2).Run(model, x, new int[x.N], new AttackContext(Seed: 5));
        Assert.All(result.L2, d => Assert.InRange(d, 0.95f, 1.05f)); // ‖𝒯‖₂ ≈ 0.5ε·√(χ²_d/d), d = 784
    }

    [Theory]
    [InlineData(LpNorm.Linf, 0.2f)]
    [InlineData(LpNorm.L2, 2f)]
    public void Rfgsm_starts_with_the_seeded_random_sign_step_then_spends_the_rest_on_the_gradient_sign(LpNorm norm, float epsilon)
    {
        var model = new NetworkClassifier(TrainedModel.Load());
        var data = TrainedModel.MnistTest(8);
        var context = new AttackContext(Seed: 9);
        // α = ε leaves no gradient step: R-FGSM is then exactly random-sign with the same seed.
        Assert.Equal(new RandomSign(epsilon, norm).Run(model, data.Images, data.Labels, context).Adversarial.Data,
            new Rfgsm(epsilon, alpha: epsilon, norm).Run(model, data.Images, data.Labels, context).Adversarial.Data);
        // α = 0 leaves no random step: R-FGSM is then FGSM.
        Assert.Equal(new Fgsm(epsilon, norm).Run(model, data.Images, data.Labels).Adversarial.Data,
            new Rfgsm(epsilon, alpha: 0, norm).Run(model, data.Images, data.Labels, context).Adversarial.Data);
        var half = new Rfgsm(epsilon, norm: norm);
        Assert.Equal(epsilon / 2, half.Alpha);
        var bound = norm == LpNorm.Linf ? half.Run(model, data.Images, data.Labels, context).Linf : half.Run(model, data.Images, data.Labels, context).L2;
        Assert.All(bound, d => Assert.True(d <= epsilon + 1e-5f));
    }

    [Fact]
    public void Rfgsm_on_a_linear_model_adds_the_gradient_sign_to_the_random_start()
    {
        // x' = 0.5 + 0.1·sign(𝒩) (random-sign with the same seed); x̃ = x' + 0.1·sign(w₁ − w₀).
        var model = KnownAnswerTests.Linear2(out var w0, out var w1);
        var x = new Tensor([0.5f, 0.5f, 0.5f, 0.5f], 1, 1, 2, 2);
        var start = new RandomSign(0.1f).Run(model, x, [0], new AttackContext(Seed: 2)).Adversarial;
        var result = new Rfgsm(0.2f).Run(model, x, [0], new AttackContext(Seed: 2)).Adversarial;
        for (int i = 0; i < 4; i++) Assert.Equal(start[i] + 0.1f * MathF.Sign(w1[i] - w0[i]), result[i], 6);
    }

    [Fact]
    public void Rfgsm_rejects_alpha_outside_zero_to_epsilon() =>
        Assert.Throws<ArgumentException>(() => new Rfgsm(0.1f, alpha: 0.2f));

    [Theory]
    [InlineData("random-sign")]
    [InlineData("random-normal")]
    [InlineData("rfgsm")]
    [InlineData("step-rnd")]
    public void Different_seeds_draw_differently(string name)
    {
        var attack = AttackCatalog.Create(name, new AttackSettings(LpNorm.Linf, 0.2f));
        var model = new NetworkClassifier(TrainedModel.Load());
        var data = TrainedModel.MnistTest(8);
        Assert.NotEqual(attack.Run(model, data.Images, data.Labels, new AttackContext(Seed: 1)).Adversarial.Data,
            attack.Run(model, data.Images, data.Labels, new AttackContext(Seed: 2)).Adversarial.Data);
    }
}
