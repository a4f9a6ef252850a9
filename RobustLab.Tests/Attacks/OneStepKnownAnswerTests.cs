using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Attacks;

/// <summary>
/// Closed forms for Kurakin's one-step methods (App. A) on the 2-class linear model of <see cref="KnownAnswerTests.Linear2"/>.
/// There ∇ₓJ(x, 0) = p₁·(w₁ − w₀) and ∇ₓJ(x, 1) = p₀·(w₀ − w₁), so every sign is sign(±(w₁ − w₀)).
/// </summary>
public sealed class OneStepKnownAnswerTests
{
    private static Tensor Uniform(float v) => new([v, v, v, v], 1, 1, 2, 2);

    // z₀ − z₁ = Σ(w₀ − w₁)ᵢ·xᵢ + 0.3: 1.05 at x = 0.5 (class 0); at x = (0.9, 0.9, 0.1, 0.1) it is −0.35 (class 1).
    private static readonly Tensor PredictedZero = Uniform(0.5f);
    private static readonly Tensor PredictedOne = new([0.9f, 0.9f, 0.1f, 0.1f], 1, 1, 2, 2);

    private static void AssertMoved(Tensor x, Tensor adversarial, float epsilon, float[] direction)
    {
        for (int i = 0; i < 4; i++) Assert.Equal(x[i] + epsilon * MathF.Sign(direction[i]), adversarial[i], 6);
    }

    private static float[] Minus(float[] a, float[] b) => a.Zip(b, (p, q) => p - q).ToArray();

    [Fact]
    public void The_two_test_inputs_are_predicted_as_intended()
    {
        var model = KnownAnswerTests.Linear2(out _, out _);
        Assert.Equal([0, 1], Engine.Training.SoftmaxCrossEntropy.Argmax(model.Logits(Concat(PredictedZero, PredictedOne))));
    }

    [Fact]
    public void Step_ll_steps_against_the_gradient_towards_the_other_class_whatever_the_label()
    {
        // Two classes: the least likely class is the one not predicted; x̃ = x − ε·sign(∇J(x, y_LL)).
        var model = KnownAnswerTests.Linear2(out var w0, out var w1);
        foreach (int label in new[] { 0, 1 })
        {
            AssertMoved(PredictedZero, new StepLeastLikely(0.1f).Run(model, PredictedZero, [label]).Adversarial, 0.1f, Minus(w1, w0));
            AssertMoved(PredictedOne, new StepLeastLikely(0.1f).Run(model, PredictedOne, [label]).Adversarial, 0.1f, Minus(w0, w1));
        }
    }

    [Fact]
    public void Fgsm_pred_equals_fgsm_when_the_model_is_right_and_goes_the_other_way_when_it_is_wrong()
    {
        var model = KnownAnswerTests.Linear2(out var w0, out var w1);
        var right = new FgsmPred(0.1f).Run(model, PredictedZero, [0]).Adversarial;
        Assert.Equal(new Fgsm(0.1f).Run(model, PredictedZero, [0]).Adversarial.Data, right.Data);
        // Label 1 but predicted 0: FGSM climbs J(x, 1), i.e. moves along w₀ − w₁; FGSM-pred climbs J(x, 0), along w₁ − w₀.
        AssertMoved(PredictedZero, new Fgsm(0.1f).Run(model, PredictedZero, [1]).Adversarial, 0.1f, Minus(w0, w1));
        AssertMoved(PredictedZero, new FgsmPred(0.1f).Run(model, PredictedZero, [1]).Adversarial, 0.1f, Minus(w1, w0));
    }

    [Fact]
    public void Fast_entropy_moves_towards_the_decision_boundary()
    {
        // H depends only on the margin z₀ − z₁ and grows as it shrinks: ascend it by moving towards the other class.
        var model = KnownAnswerTests.Linear2(out var w0, out var w1);
        AssertMoved(PredictedZero, new FastEntropy(0.1f).Run(model, PredictedZero, [0]).Adversarial, 0.1f, Minus(w1, w0));
        AssertMoved(PredictedOne, new FastEntropy(0.1f).Run(model, PredictedOne, [0]).Adversarial, 0.1f, Minus(w0, w1));
    }

    [Fact]
    public void Entropy_gradient_matches_central_differences()
    {
        var rng = new Random(5);
        var logits = new Tensor(3, 10);
        for (int i = 0; i < logits.Length; i++) logits[i] = 4 * (rng.NextSingle() - 0.5f);
        logits[0] = 30f; // a confident row: p ≈ 1 for class 0, tiny p elsewhere
        var gradient = Losses.Entropy()(logits);
        for (int i = 0; i < logits.Length; i++)
        {
            const double h = 1e-4;
            double[] z = logits.Data.Select(v => (double)v).ToArray();
            int row = i / 10;
            z[i] += h; double plus = Entropy(z.AsSpan(row * 10, 10));
            z[i] -= 2 * h; double minus = Entropy(z.AsSpan(row * 10, 10));
            Assert.Equal((plus - minus) / (2 * h), gradient[i], 4);
        }
    }

    private static double Entropy(ReadOnlySpan<double> z)
    {
        double max = double.MinValue, sum = 0, h = 0;
        foreach (var v in z) max = Math.Max(max, v);
        foreach (var v in z) sum += Math.Exp(v - max);
        foreach (var v in z) { double logP = v - max - Math.Log(sum); h -= Math.Exp(logP) * logP; }
        return h;
    }

    [Fact]
    public void Fast_grad_linf_divides_by_the_largest_gradient_entry_not_its_sign()
    {
        // ∇J(x, 0) ∝ w₁ − w₀ = (−1, 2, −3, 0.5), so x̃ = x + ε·(−1, 2, −3, 0.5)/3.
        var model = KnownAnswerTests.Linear2(out _, out _);
        var result = new FastGrad(0.15f, LpNorm.Linf).Run(model, PredictedZero, [0]);
        float[] expected = [0.5f - 0.05f, 0.5f + 0.1f, 0.5f - 0.15f, 0.5f + 0.025f];
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], result.Adversarial[i], 6);
        Assert.Equal(0.15f, result.Linf[0], 6);
    }

    [Fact]
    public void Fast_grad_l2_is_fgsm_in_l2()
    {
        // The closed form is KnownAnswerTests.Fast_grad_l2_moves_exactly_epsilon_along_the_normal.
        var model = new NetworkClassifier(TrainedModel.Load());
        var data = TrainedModel.MnistTest(8);
        var fastGrad = new FastGrad(1.5f, LpNorm.L2).Run(model, data.Images, data.Labels);
        Assert.Equal(new Fgsm(1.5f, LpNorm.L2).Run(model, data.Images, data.Labels).Adversarial.Data, fastGrad.Adversarial.Data);
    }

    [Theory]
    [InlineData(LpNorm.Linf, 0.1f)]
    [InlineData(LpNorm.L2, 1.5f)]
    public void Step_rnd_is_targeted_fgsm_towards_its_seeded_random_classes(LpNorm norm, float epsilon)
    {
        var model = new NetworkClassifier(TrainedModel.Load());
        var data = TrainedModel.MnistTest(16);
        var targets = StepRandom.RandomTargets(data.Count, 10, seed: 4);
        Assert.True(targets.Distinct().Count() > 3, "the draw should spread over the classes");
        var stepRnd = new StepRandom(epsilon, norm).Run(model, data.Images, data.Labels, new AttackContext(Seed: 4));
        var targeted = new Fgsm(epsilon, norm, targeted: true).Run(model, data.Images, data.Labels, new AttackContext(targets));
        Assert.Equal(targeted.Adversarial.Data, stepRnd.Adversarial.Data);
    }

    private static Tensor Concat(Tensor a, Tensor b) => new([.. a.Data, .. b.Data], 2, 1, 2, 2);
}
