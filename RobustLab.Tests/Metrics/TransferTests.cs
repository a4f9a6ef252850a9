using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Layers.Activations;
using RobustLab.Engine.Metrics;
using RobustLab.Tests.Attacks;

namespace RobustLab.Tests.Metrics;

/// <summary>Transfer attacks, Kurakin §4.4's transfer rate and §4.2's label-leak count.</summary>
public sealed class TransferTests
{
    [Fact]
    public void Transfer_rate_counts_only_adversarial_examples_that_fool_the_source_from_a_correct_clean_start()
    {
        // Source-fooled (clean right, adversarial wrong): 0, 1, 2, 5. Of those the target misclassifies 0 and 2 → 2/4.
        // Example 3 fools only the target and example 4 starts wrong on the source: neither counts.
        // Strict: drop 2 (the target already misclassifies it clean) → {0, 1, 5}, transferred 0 → 1/3.
        int[] labels = [0, 0, 0, 0, 0, 0];
        var source = HandMade.Result(labels, clean: [0, 0, 0, 0, 1, 0], adversarial: [1, 1, 1, 0, 1, 2]);
        var target = HandMade.Result(labels, clean: [0, 0, 1, 0, 0, 0], adversarial: [2, 0, 3, 3, 1, 0]);
        var rate = TransferRate.Compute(source, target);
        Assert.Equal(new TransferRate(SourceFooled: 4, Transferred: 2, SourceFooledTargetCorrect: 3, TransferredTargetCorrect: 1), rate);
        Assert.Equal(0.5f, rate.Rate);
        Assert.Equal(1 / 3f, rate.RateOnTargetCorrect!.Value, 6);
        Assert.Null(TransferRate.Compute(target with { CleanPredictions = [1, 1, 1, 1, 1, 1] }, source).Rate);
        Assert.Throws<ArgumentException>(() => TransferRate.Compute(source, HandMade.Result([0, 0], [0, 0], [0, 0])));
    }

    [Fact]
    public void Label_leak_counts_correct_under_the_true_label_attack_and_wrong_under_the_label_free_one()
    {
        int[] labels = [0, 1, 2, 3];
        var withTrueLabel = HandMade.Result(labels, clean: labels, adversarial: [0, 1, 9, 3]);
        var withoutTrueLabel = HandMade.Result(labels, clean: labels, adversarial: [5, 1, 2, 8]);
        Assert.Equal([true, false, false, true], LabelLeak.Leaked(withTrueLabel, withoutTrueLabel));
        Assert.Equal(2, LabelLeak.Count(withTrueLabel, withoutTrueLabel));
        Assert.Equal(1, LabelLeak.Count(withoutTrueLabel, withTrueLabel)); // the other way round: only example 2
    }

    [Fact]
    public void Gray_box_transfer_measures_the_source_examples_on_the_target_and_fully_transfers_to_an_identical_model()
    {
        var data = TrainedModel.MnistTest(48, offset: 500);
        var source = new NetworkClassifier(TrainedModel.Load());
        var jumpNet = TrainedModel.Load();
        jumpNet.Retrofit(new JumpReLU(1.0f));
        var target = new NetworkClassifier(jumpNet);

        var result = Transfer.Run(new Pgd(new ThreatModel(LpNorm.Linf, 0.2f), 10, 0.05f), source, target, data.Images, data.Labels, new AttackContext(Seed: 3));
        Assert.Same(result.Source.Adversarial, result.Target.Adversarial);
        Assert.Equal(RobustLab.Engine.Training.SoftmaxCrossEntropy.Argmax(target.Logits(data.Images)), result.Target.CleanPredictions);
        Assert.Equal(RobustLab.Engine.Training.SoftmaxCrossEntropy.Argmax(target.Logits(result.Source.Adversarial)), result.Target.AdversarialPredictions);

        // Kurakin Table 4's diagonal: a model is its own perfect target.
        var self = Transfer.Evaluate(result.Source, data.Images, new NetworkClassifier(TrainedModel.Load()));
        var diagonal = TransferRate.Compute(result.Source, self);
        Assert.True(diagonal.SourceFooled > 10, $"PGD fooled the source on {diagonal.SourceFooled} of 48");
        Assert.Equal(1f, diagonal.Rate);
    }
}
