using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Attacks;

/// <summary>BIM and iter. l.l. (Kurakin et al. 2017, §2.2): default schedule, reduction to the one-step methods, closed forms, progress and cancellation.</summary>
public sealed class IterativeKnownAnswerTests
{
    [Theory]
    [InlineData(16, 20)] // min(20, 20)
    [InlineData(8, 10)]  // min(12, 10)
    [InlineData(4, 5)]   // min(8, 5)
    [InlineData(2, 2)]   // min(6, 2.5) → floor, as torchattacks' int(...)
    [InlineData(1, 1)]   // min(5, 1.25)
    [InlineData(0.5, 1)] // min(4.5, 0.625) → 0, but at least one iteration
    [InlineData(76.5, 80)] // ε = 0.3: min(80.5, 95.6)
    public void Default_iterations_are_min_of_eps_plus_4_and_1_25_eps_in_0_255_units(double epsilon255, int expected) =>
        Assert.Equal(expected, Bim.KurakinIterations((float)(epsilon255 / 255)));

    [Fact]
    public void Default_schedule_is_kurakins_in_linf_and_covers_the_budget_otherwise()
    {
        var bim = new Bim(new ThreatModel(LpNorm.Linf, 8f / 255));
        Assert.Equal((10, 1f / 255), (bim.Steps, bim.StepSize));
        var iterLl = new IterLeastLikely(new ThreatModel(LpNorm.Linf, 16f / 255));
        Assert.Equal((20, 1f / 255), (iterLl.Steps, iterLl.StepSize));
        Assert.Equal((10, 0.025f), Bim.Schedule(new ThreatModel(LpNorm.Linf, 0.2f), steps: 10, stepSize: null));
        Assert.Equal((300, 1f / 255), Bim.Schedule(new ThreatModel(LpNorm.Linf, 0.2f), steps: 300, stepSize: null));
        Assert.Equal((10, 0.375f), Bim.Schedule(new ThreatModel(LpNorm.L2, 3f), steps: null, stepSize: null));
        Assert.Equal((80, 0.05f), Bim.Schedule(new ThreatModel(LpNorm.Linf, 0.3f), steps: null, stepSize: 0.05f));
    }

    [Theory]
    [InlineData(LpNorm.Linf, 0.1f)]
    [InlineData(LpNorm.L2, 1.5f)]
    public void One_iteration_with_alpha_epsilon_equals_the_one_step_method(LpNorm norm, float epsilon)
    {
        var model = new NetworkClassifier(TrainedModel.Load());
        var data = TrainedModel.MnistTest(16);
        var threat = new ThreatModel(norm, epsilon);
        Assert.Equal(new Fgsm(epsilon, norm).Run(model, data.Images, data.Labels).Adversarial.Data,
            new Bim(threat, 1, epsilon).Run(model, data.Images, data.Labels).Adversarial.Data);
        Assert.Equal(new StepLeastLikely(epsilon, norm).Run(model, data.Images, data.Labels).Adversarial.Data,
            new IterLeastLikely(threat, 1, epsilon).Run(model, data.Images, data.Labels).Adversarial.Data);
    }

    [Theory]
    [InlineData(2, 0.06f)]  // 2·0.03 inside the ball
    [InlineData(5, 0.1f)]   // 5·0.03 = 0.15, clipped to ε = 0.1
    public void Bim_on_a_linear_model_walks_along_the_sign_until_the_ball_clips_it(int steps, float travelled)
    {
        var model = KnownAnswerTests.Linear2(out var w0, out var w1);
        var x = new Tensor([0.5f, 0.5f, 0.5f, 0.5f], 1, 1, 2, 2);
        var result = new Bim(new ThreatModel(LpNorm.Linf, 0.1f), steps, 0.03f).Run(model, x, [0]);
        for (int i = 0; i < 4; i++) Assert.Equal(0.5f + travelled * MathF.Sign(w1[i] - w0[i]), result.Adversarial[i], 5);
    }

    [Fact]
    public void Iter_ll_keeps_the_clean_least_likely_class_after_the_prediction_flips()
    {
        // At x = 0.5 the margin z₀ − z₁ is 1.05 and each step of 0.2 along sign(w₁ − w₀) lowers it by 1.3, so the
        // prediction flips after one step. With y_LL fixed at class 1 the walk goes on to the ε-ball (0.45);
        // a recomputed least-likely class would turn back after the flip.
        var model = KnownAnswerTests.Linear2(out var w0, out var w1);
        var x = new Tensor([0.5f, 0.5f, 0.5f, 0.5f], 1, 1, 2, 2);
        var result = new IterLeastLikely(new ThreatModel(LpNorm.Linf, 0.45f), 3, 0.2f).Run(model, x, [0]);
        for (int i = 0; i < 4; i++) Assert.Equal(0.5f + 0.45f * MathF.Sign(w1[i] - w0[i]), result.Adversarial[i], 5);
        Assert.Equal(1, result.AdversarialPredictions[0]);
    }

    [Theory]
    [InlineData("bim")]
    [InlineData("iter-ll")]
    public void Reports_progress_per_iteration_and_honours_cancellation(string name)
    {
        var attack = AttackCatalog.Create(name, new AttackSettings(LpNorm.Linf, 0.1f, Steps: 4));
        var model = KnownAnswerTests.Linear2(out _, out _);
        var x = new Tensor([0.5f, 0.5f, 0.5f, 0.5f], 1, 1, 2, 2);
        var progress = new Recorder();
        attack.Run(model, x, [0], new AttackContext(Progress: progress));
        Assert.Equal([0.25, 0.5, 0.75, 1.0, 1.0], progress.Values); // four iterations, then Run's final report

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => attack.Run(model, x, [0], new AttackContext(Cancellation: cancelled.Token)));
    }

    private sealed class Recorder : IProgress<double>
    {
        public List<double> Values { get; } = [];
        public void Report(double value) => Values.Add(value);
    }
}
