using RobustLab.Engine.Defenses;
using RobustLab.Engine.Models;
using RobustLab.Engine.Training;
using RobustLab.Tests.Attacks;

namespace RobustLab.Tests.Defenses;

/// <summary>The Kurakin Table 5 style experiment on a tiny MNIST subset: one outcome per generator, same start, reproducible.</summary>
public sealed class AdversarialTrainingComparisonTests
{
    [Fact]
    public void Trains_one_model_per_generator_from_the_same_start_and_measures_each()
    {
        var comparison = new AdversarialTrainingComparison(ModelZoo.LeNetLike, modelSeed: 3,
            new TrainingOptions(Epochs: 1, BatchSize: 32, Seed: 1), new AdversarialTrainingOptions(Seed: 2));
        var train = MnistTrain.Subset(128);
        var test = TrainedModel.MnistTest(32);
        var progress = new List<double>();
        var outcomes = comparison.Run(train, test, [null, "fgsm"], ["fgsm"], [0.1f, 0.2f], progress: new Collect(progress)).ToList();

        Assert.Equal(["none", "fgsm"], outcomes.Select(o => o.Generator));
        foreach (var o in outcomes)
        {
            Assert.Equal([0.1f, 0.2f], o.Points.Select(p => p.Epsilon));
            Assert.All(o.Points, p => Assert.InRange(p.Accuracy, 0f, 1f));
            Assert.InRange(o.CleanAccuracy, 0f, 1f);
        }
        // Same initial weights and data order; only the adversarial rewrite differs.
        Assert.NotEqual(outcomes[0].Model.StateDict()["fc3.weight"].Data, outcomes[1].Model.StateDict()["fc3.weight"].Data);
        var again = comparison.Run(train, test, ["fgsm"], ["fgsm"], [0.1f]).Single();
        Assert.Equal(outcomes[1].Model.StateDict()["fc3.weight"].Data, again.Model.StateDict()["fc3.weight"].Data);
        Assert.Equal(1.0, progress[^1], 6);
    }

    private sealed class Collect(List<double> into) : IProgress<double>
    {
        public void Report(double value) => into.Add(value);
    }
}
