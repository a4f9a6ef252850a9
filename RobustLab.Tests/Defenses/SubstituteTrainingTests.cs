using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Metrics;
using RobustLab.Engine.Models;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;
using RobustLab.Tests.Attacks;
using RobustLab.Tests.Layers;

namespace RobustLab.Tests.Defenses;

/// <summary>Borji §3's substitute network: the logit-matching losses and their gradients, and a substitute that learns to agree with its target.</summary>
public sealed class SubstituteTrainingTests
{
    [Theory]
    [InlineData(LogitMatchingLoss.SoftCrossEntropy)]
    [InlineData(LogitMatchingLoss.MeanSquaredError)]
    public void Loss_gradient_matches_central_differences(LogitMatchingLoss kind)
    {
        var rng = new Random(3);
        Tensor Random() => new(Enumerable.Range(0, 15).Select(_ => 4 * rng.NextSingle() - 2).ToArray(), 3, 5);
        var student = Random();
        var teacher = Random();
        var (_, analytic) = LogitMatching.Compute(student, teacher, kind);
        for (int i = 0; i < student.Length; i++)
        {
            var plus = student.Clone(); plus[i] += (float)GradientCheck.Step;
            var minus = student.Clone(); minus[i] -= (float)GradientCheck.Step;
            double numeric = (LogitMatching.Compute(plus, teacher, kind).Loss - LogitMatching.Compute(minus, teacher, kind).Loss) / (2 * GradientCheck.Step);
            GradientCheck.AssertClose(numeric, analytic[i], 1e-2, $"{kind} ∂L/∂s[{i}]");
        }
    }

    [Fact]
    public void Losses_match_hand_computed_values()
    {
        // Teacher logits (0, ln 3) → p = (1/4, 3/4); student logits (0, 0) → q = (1/2, 1/2).
        var teacher = new Tensor([0f, MathF.Log(3)], 1, 2);
        var student = new Tensor([0f, 0f], 1, 2);
        var (ce, ceGrad) = LogitMatching.Compute(student, teacher, LogitMatchingLoss.SoftCrossEntropy);
        Assert.Equal(Math.Log(2), ce, 6); // −(1/4)·ln ½ − (3/4)·ln ½
        Assert.Equal([0.25f, -0.25f], ceGrad.Data); // q − p
        var (mse, mseGrad) = LogitMatching.Compute(student, teacher, LogitMatchingLoss.MeanSquaredError);
        Assert.Equal(Math.Log(3) * Math.Log(3) / 2, mse, 5);
        Assert.Equal(-Math.Log(3), mseGrad[1], 5); // 2(0 − ln 3)/2
    }

    [Fact]
    public void Substitute_learns_to_agree_with_its_target()
    {
        var target = new NetworkClassifier(TrainedModel.Load());
        var train = MnistTrain.Subset(1000);
        var heldOut = TrainedModel.MnistTest(200, offset: 2000).Images;
        var substitute = ModelZoo.Create(ModelZoo.LeNetLike, seed: 5);
        var teacher = SubstituteTraining.QueryLogits(target, heldOut);
        float before = LogitMatching.Compute(substitute.Forward(heldOut), teacher, LogitMatchingLoss.SoftCrossEntropy).Loss;

        var result = new SubstituteTraining(new TrainingOptions(Epochs: 2, BatchSize: 32, LearningRate: 6e-3f, Seed: 1)).Train(target, substitute, train.Images);
        float after = LogitMatching.Compute(substitute.Forward(heldOut), teacher, LogitMatchingLoss.SoftCrossEntropy).Loss;

        Assert.Equal(2, result.EpochLosses.Count);
        Assert.True(result.EpochLosses[1] < result.EpochLosses[0], $"epoch losses {string.Join(", ", result.EpochLosses)}");
        Assert.True(after < 0.5f * before, $"held-out logit-matching loss {before} → {after}");
        float agreement = SubstituteTraining.Agreement(result.Substitute, target, heldOut);
        Assert.True(agreement > 0.75f, $"substitute agrees with the target on {agreement:P1} of held-out images");
        Assert.Same(substitute, result.Substitute.Network);

        // Borji Fig. 8: FGSM crafted on the substitute transfers to the target.
        var labels = TrainedModel.MnistTest(200, offset: 2000).Labels;
        var transfer = Transfer.Run(new Fgsm(0.25f), result.Substitute, target, heldOut, labels);
        float clean = AdversarialMetrics.CleanAccuracy(transfer.Target), attacked = AdversarialMetrics.AdversarialAccuracy(transfer.Target);
        Assert.True(attacked < clean - 0.2f, $"target accuracy {clean:P1} → {attacked:P1} under FGSM from the substitute");
    }

    [Fact]
    public void Rejects_mismatched_shapes()
    {
        var target = new NetworkClassifier(TrainedModel.Load());
        var trainer = new SubstituteTraining(new TrainingOptions(Epochs: 1));
        Assert.Throws<ArgumentException>(() => trainer.Train(target, ModelZoo.Create(ModelZoo.BorjiCifarCnn1), TrainedModel.MnistTest(2).Images));
    }
}
