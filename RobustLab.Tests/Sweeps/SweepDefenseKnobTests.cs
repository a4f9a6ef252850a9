using RobustLab.Engine.Attacks;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Metrics;
using RobustLab.Engine.Sweeps;
using RobustLab.Tests.Attacks;

namespace RobustLab.Tests.Sweeps;

/// <summary>The defense knobs at their neutral values equal the undefended model; targets do not depend on batching.</summary>
public sealed class SweepDefenseKnobTests
{
    [Fact]
    public async Task Sigma_zero_smoothing_and_scale_one_are_the_plain_model()
    {
        var setup = SweepFixture.Setup(64) with { Model = SweepFixture.Model with { Smoothing = new SmoothingSpec(0.5f, 4, SmoothingVote.Majority) } };
        float plain = Evaluator.Accuracy(TrainedModel.Load(), setup.Data);
        var sigma = await SweepFixture.AllAsync(new SweepRequest(setup, "sigma", [0, 0.5]));
        Assert.Equal(plain, sigma[0].CleanAccuracy);
        Assert.Contains("smooth 0:4:majority", sigma[0].Model);
        var scale = await SweepFixture.AllAsync(new SweepRequest(SweepFixture.Setup(64), "input-scale", [1, 0.05]));
        Assert.Equal(plain, scale[0].CleanAccuracy);
        Assert.True(scale[1].CleanAccuracy < plain - 0.2f, $"inputs scaled by 0.05 should confuse the model: {scale[1].CleanAccuracy}");
    }

    [Fact]
    public async Task Smoothing_knobs_need_a_smoothing_to_start_from()
    {
        var e = Assert.Throws<ArgumentException>(() => SweepRunner.RunAsync(new SweepRequest(SweepFixture.Setup(8), "n", [1, 4])));
        Assert.Contains("smoothing", e.Message);
        var n = await SweepFixture.AllAsync(new SweepRequest(
            SweepFixture.Setup(16) with { Model = SweepFixture.Model with { Smoothing = new SmoothingSpec(0.1f, 1, SmoothingVote.Soft) } }, "n", [1, 3]));
        Assert.Equal(["lenet-like, relu, smooth 0.1:1:soft", "lenet-like, relu, smooth 0.1:3:soft"], n.Select(p => p.Model));
    }

    [Theory]
    [InlineData("random")]
    [InlineData("ll")]
    [InlineData("3")]
    public async Task Targeted_points_do_not_depend_on_the_batch_size(string target)
    {
        var setup = SweepFixture.Setup(48, "fgsm-targeted", new AttackSettings(Epsilon: 0.2f)) with { Target = TargetChoice.Parse(target), Seed = 5 };
        var whole = await SweepRunner.EvaluateAsync(setup);
        var batched = await SweepRunner.EvaluateAsync(setup with { BatchSize = 10 });
        Assert.Equal(whole with { Seconds = 0 }, batched with { Seconds = 0 });
        Assert.NotNull(whole.AttackSuccessRate);
    }
}
