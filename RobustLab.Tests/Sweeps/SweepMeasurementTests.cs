using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Metrics;
using RobustLab.Engine.Sweeps;
using RobustLab.Tests.Attacks;

namespace RobustLab.Tests.Sweeps;

/// <summary>What a sweep measures agrees with what holds exactly: ε = 0 is clean, κ = 0 is ReLU, one PGD run = separate runs, the transfer diagonal = white-box.</summary>
public sealed class SweepMeasurementTests
{
    [Fact]
    public async Task Fgsm_accuracy_falls_with_epsilon_and_epsilon_zero_is_clean_accuracy()
    {
        var setup = SweepFixture.Setup(64, "fgsm");
        var points = await SweepFixture.AllAsync(new SweepRequest(setup, "eps", [0, 0.05, 0.1, 0.15, 0.2, 0.3]));
        float clean = Evaluator.Accuracy(TrainedModel.Load(), setup.Data);
        Assert.All(points, p => Assert.Equal(clean, p.CleanAccuracy));
        Assert.Equal(clean, points[0].AdversarialAccuracy);
        Assert.Equal(0f, points[0].MeanLinf ?? 0f);
        // Non-increasing within noise: a larger FGSM step may rarely cross back over a boundary, so allow one example in 64.
        for (int i = 1; i < points.Count; i++)
            Assert.True(points[i].AdversarialAccuracy <= points[i - 1].AdversarialAccuracy + 1f / 64,
                $"accuracy rose from {points[i - 1].AdversarialAccuracy} at ε={points[i - 1].Value} to {points[i].AdversarialAccuracy} at ε={points[i].Value}");
        Assert.True(points[^1].AdversarialAccuracy < clean - 0.3f, $"FGSM at ε = 0.3: {points[^1].AdversarialAccuracy} vs clean {clean}");
        Assert.All(points.Skip(1), p => Assert.InRange(p.MeanLinf!.Value, (float)p.Value! - 1e-6f, (float)p.Value! + 1e-6f));
    }

    [Fact]
    public async Task Kappa_zero_equals_the_relu_model()
    {
        var setup = SweepFixture.Setup(48, "pgd", new AttackSettings(Epsilon: 0.1f, Steps: 5, RandomStart: false));
        var points = await SweepFixture.AllAsync(new SweepRequest(setup, "kappa", [0, 1.0]));
        var relu = await SweepRunner.EvaluateAsync(setup);
        Assert.Equal("relu", setup.Model.Activation);
        Assert.Equal("lenet-like, jumprelu:0", points[0].Model);
        Assert.Equal(relu with { Knob = "kappa", Value = 0, Seconds = 0, Model = "", Series = "" }, points[0] with { Seconds = 0, Model = "", Series = "" });
        Assert.NotEqual(points[0].AdversarialAccuracy, points[1].AdversarialAccuracy);
    }

    [Theory]
    [InlineData(48)] // one batch
    [InlineData(16)] // three batches: iterates are assembled across batches
    public async Task Iterations_from_one_run_equal_separate_runs(int batchSize)
    {
        var settings = new AttackSettings(Epsilon: 0.1f, StepSize: 0.03f, RandomStart: true);
        var setup = SweepFixture.Setup(48, "pgd", settings, batchSize) with { Seed = 3 };
        int[] iterations = [0, 1, 3, 6];
        var points = await SweepFixture.AllAsync(new SweepRequest(setup, "iterations", iterations.Select(t => (double)t).ToList()));
        Assert.Equal(iterations, points.Select(p => (int)p.Value!.Value));
        for (int i = 0; i < iterations.Length; i++)
        {
            var separate = await SweepRunner.EvaluateAsync(setup with { Settings = settings with { Steps = iterations[i] } });
            var a = points[i];
            Assert.Equal((separate.AdversarialAccuracy, separate.AttackSuccessRate, separate.RhoL2, separate.RhoLinf, separate.MeanL2, separate.MeanLinf),
                (a.AdversarialAccuracy, a.AttackSuccessRate, a.RhoL2, a.RhoLinf, a.MeanL2, a.MeanLinf));
            Assert.Equal($"pgd L∞ ε=0.1 steps=6 α=0.03 random-start, after {iterations[i]}", a.Attack);
        }
        Assert.True(points[^1].AdversarialAccuracy < points[1].AdversarialAccuracy, "more PGD iterations should find more adversarial examples");
    }

    [Fact]
    public async Task An_iteration_point_equals_a_plain_pgd_run()
    {
        var data = TrainedModel.MnistTest(32, offset: 200);
        var setup = SweepFixture.Setup(32, "pgd", new AttackSettings(Epsilon: 0.15f, StepSize: 0.03f), offset: 200) with { Seed = 9 };
        var points = await SweepFixture.AllAsync(new SweepRequest(setup, "iterations", [4, 7]));
        var pgd = new Pgd(new ThreatModel(LpNorm.Linf, 0.15f), steps: 7, stepSize: 0.03f, randomStart: true);
        var r = pgd.Run(new NetworkClassifier(TrainedModel.Load()), data.Images, data.Labels, new AttackContext(Seed: 9));
        float accuracy = r.AdversarialPredictions.Zip(data.Labels).Count(p => p.First == p.Second) / 32f;
        Assert.Equal(accuracy, points[1].AdversarialAccuracy);
        var turned = Enumerable.Range(0, 32).Where(i => r.CleanPredictions[i] == data.Labels[i] && r.Success[i]).ToList();
        Assert.NotEmpty(turned);
        Assert.Equal(turned.Average(i => (double)r.L2[i]), points[1].MeanL2!.Value, 5);
    }

    [Fact]
    public async Task Transfer_matrix_diagonal_equals_white_box_and_rows_share_their_examples()
    {
        var setup = SweepFixture.Setup(32, "pgd", new AttackSettings(Epsilon: 0.1f, Steps: 5, RandomStart: false));
        double[] kappas = [0, 1.0];
        var matrix = await SweepFixture.AllAsync(new SweepRequest(setup, "kappa", kappas, SourceValues: kappas));
        var whiteBox = await SweepFixture.AllAsync(new SweepRequest(setup, "kappa", kappas));
        Assert.Equal(4, matrix.Count);
        Assert.Equal([(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)], matrix.Select(p => (p.SourceValue!.Value, p.Value!.Value)));
        foreach (int k in new[] { 0, 1 })
        {
            var cell = matrix[k * 2 + k];
            var white = whiteBox[k];
            Assert.Equal((white.CleanAccuracy, white.AdversarialAccuracy, white.AttackSuccessRate, white.RhoL2, white.MeanLinf),
                (cell.CleanAccuracy, cell.AdversarialAccuracy, cell.AttackSuccessRate, cell.RhoL2, cell.MeanLinf));
            Assert.Contains("jumprelu", cell.Source);
        }
        // A row's examples are crafted once on its source; each column measures them on its own target.
        Assert.Equal(whiteBox[1].CleanAccuracy, matrix[1].CleanAccuracy);
    }

    [Fact]
    public async Task A_gray_box_sweep_crafts_on_the_source_and_measures_the_target()
    {
        var setup = SweepFixture.Setup(32, "pgd", new AttackSettings(Epsilon: 0.1f, Steps: 5, RandomStart: false)) with { Source = SweepFixture.Model };
        var points = await SweepFixture.AllAsync(new SweepRequest(setup, "kappa", [0, 1.0]));
        var whiteBoxRelu = await SweepRunner.EvaluateAsync(setup with { Source = null });
        // κ = 0 is ReLU, so the transfer from ReLU to κ = 0 is the white-box attack on ReLU.
        Assert.Equal(whiteBoxRelu.AdversarialAccuracy, points[0].AdversarialAccuracy);
        Assert.Equal(whiteBoxRelu.MeanL2, points[0].MeanL2);
        Assert.Equal("lenet-like, relu", points[1].Source);
        // Every example the attack turns on ReLU also fools the identical κ = 0 target; a white-box point has no transfer rate.
        Assert.Equal(1f, points[0].TransferRate);
        Assert.InRange(points[1].TransferRate!.Value, 0f, 1f);
        Assert.Null(whiteBoxRelu.TransferRate);
    }

    [Fact]
    public async Task Clean_only_sweeps_run_no_attack()
    {
        var setup = SweepFixture.Setup(32, "pgd", new AttackSettings(Epsilon: 0.1f, Steps: 1000));
        var points = await SweepFixture.AllAsync(new SweepRequest(setup, "alpha", [1, 10], Measures: SweepMeasures.CleanAccuracy));
        Assert.All(points, p => Assert.Null(p.AdversarialAccuracy));
        Assert.All(points, p => Assert.Null(p.Attack));
        Assert.Equal(Evaluator.Accuracy(TrainedModel.Load(), setup.Data), points[0].CleanAccuracy);
    }
}
