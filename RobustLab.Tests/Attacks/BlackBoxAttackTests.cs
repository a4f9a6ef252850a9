using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;

namespace RobustLab.Tests.Attacks;

/// <summary>The black-box attacks (Square, NAttack): they lower accuracy through the logits alone and report their queries.</summary>
public sealed class BlackBoxAttackTests
{
    private static float Accuracy(AttackResult r) => r.AdversarialPredictions.Zip(r.Labels).Count(p => p.First == p.Second) / (float)r.Count;

    [Theory]
    [InlineData(LpNorm.Linf, 0.2f)]
    [InlineData(LpNorm.L2, 3f)]
    public void Square_lowers_accuracy_without_a_gradient_and_counts_its_queries(LpNorm norm, float eps)
    {
        var data = TrainedModel.MnistTest(32, offset: 600);
        var model = new GradientFreeClassifier(new NetworkClassifier(TrainedModel.Load()));
        const int budget = 500;
        var r = new Square(new ThreatModel(norm, eps), budget).Run(model, data.Images, data.Labels, new AttackContext(Seed: 4));
        float clean = r.CleanPredictions.Zip(r.Labels).Count(p => p.First == p.Second) / (float)r.Count;
        Assert.True(Accuracy(r) < clean - 0.3f, $"Square {norm}: {clean:P1} → {Accuracy(r):P1}");
        Assert.NotNull(r.Queries);
        for (int i = 0; i < r.Count; i++)
        {
            if (r.CleanPredictions[i] != r.Labels[i]) Assert.Equal(0, r.Queries![i]); // not attacked
            else Assert.InRange(r.Queries![i], 1, budget + 1);
        }
        // the counts are what the model saw: one clean pass over the batch, the queries, one final check of the survivors' best, and the result's measurement
        Assert.True(model.Evaluations >= r.Queries!.Sum());
    }

    [Theory]
    [InlineData(LpNorm.Linf, 0.3f)]
    [InlineData(LpNorm.L2, 3f)]
    public void NAttack_lowers_accuracy_without_a_gradient_and_counts_its_queries(LpNorm norm, float eps)
    {
        var data = TrainedModel.MnistTest(16, offset: 700);
        var model = new GradientFreeClassifier(new NetworkClassifier(TrainedModel.Load()));
        var attack = new NAttack(new ThreatModel(norm, eps), iterations: 40, population: 50);
        var r = attack.Run(model, data.Images, data.Labels, new AttackContext(Seed: 4));
        var bound = norm == LpNorm.Linf ? r.Linf : r.L2;
        Assert.All(bound, d => Assert.True(d <= eps + 1e-5f));
        Assert.True(r.Success.Count(s => s) >= 3, $"NAttack {norm} fooled {r.Success.Count(s => s)} of 16");
        for (int i = 0; i < r.Count; i++)
            if (r.Success[i] && r.CleanPredictions[i] == r.Labels[i])
                Assert.Equal(0, (r.Queries![i] - 1) % 51); // 1 query per check of the mean, 50 per update
    }
}
