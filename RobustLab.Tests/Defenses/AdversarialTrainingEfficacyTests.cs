using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Layers;
using RobustLab.Engine.Metrics;
using RobustLab.Engine.Models;
using RobustLab.Engine.Training;
using RobustLab.Tests.Attacks;

namespace RobustLab.Tests.Defenses;

/// <summary>Adversarial training works: same model, seed and step budget, with and without the rewrite, compared under FGSM.</summary>
/// <remarks>
/// A softmax-regression model keeps this under a few seconds (~190 steps); Goodfellow et al. (2014, §5) showed adversarial
/// training makes exactly this kind of linear model resist FGSM. The LeNetLike version is the slower
/// <see cref="AdversarialTrainingComparison"/> experiment.
/// </remarks>
public sealed class AdversarialTrainingEfficacyTests
{
    private static Network SoftmaxRegression() =>
        new("softmax-regression", [1, 28, 28], [new Flatten("flatten"), new Linear("fc1", 784, 10, new Random(1))]);

    private static float FgsmAccuracy(Network net, float eps)
    {
        var test = TrainedModel.MnistTest(500, offset: 1000);
        return AdversarialMetrics.AdversarialAccuracy(new Fgsm(eps).Run(new NetworkClassifier(net), test.Images, test.Labels));
    }

    [Fact]
    public void Adversarially_trained_model_resists_fgsm_better_than_a_clean_trained_one()
    {
        var train = MnistTrain.Subset(2000);
        var options = new TrainingOptions(Epochs: 3, BatchSize: 32, LearningRate: 3e-3f, Seed: 1);
        var clean = SoftmaxRegression();
        new Trainer(clean, options).Fit(train);
        var robust = SoftmaxRegression();
        var adversarial = AdversarialTraining.FromCatalog("fgsm", options: new AdversarialTrainingOptions(Seed: 2));
        new Trainer(robust, options) { BatchTransform = adversarial.BatchTransform }.Fit(train);

        var test = TrainedModel.MnistTest(500, offset: 1000);
        float cleanAccuracy = Evaluator.Accuracy(robust, test);
        Assert.True(cleanAccuracy > 0.75f, $"adversarially trained clean accuracy {cleanAccuracy:P1}");
        float before = FgsmAccuracy(clean, 0.1f), after = FgsmAccuracy(robust, 0.1f);
        Assert.True(after > before + 0.15f, $"FGSM ε = 0.1 accuracy: clean-trained {before:P1}, adversarially trained {after:P1}");
    }
}
