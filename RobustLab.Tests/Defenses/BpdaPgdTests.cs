using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Layers.Activations;
using RobustLab.Engine.Metrics;
using RobustLab.Engine.Models;
using RobustLab.Tests.Attacks;

namespace RobustLab.Tests.Defenses;

/// <summary>BPDA-PGD (Athalye et al. 2018): ReLU gradients through JumpReLU during the attack, the slots restored afterwards.</summary>
public sealed class BpdaPgdTests
{
    private const float Kappa = 1f;
    private static readonly ThreatModel Threat = new(LpNorm.Linf, 0.2f);

    private static Network JumpNet(Activation? backward = null)
    {
        var network = TrainedModel.Load();
        network.Retrofit(new JumpReLU(Kappa), backward);
        return network;
    }

    [Fact]
    public void Bpda_pgd_on_a_jumprelu_model_follows_relu_gradients()
    {
        var data = TrainedModel.MnistTest(16);
        var context = new AttackContext(Seed: 3);
        var bpda = new BpdaPgd(Threat, steps: 5, stepSize: 0.05f).Run(new NetworkClassifier(JumpNet()), data.Images, data.Labels, context);
        var surrogate = new Pgd(Threat, steps: 5, stepSize: 0.05f).Run(new NetworkClassifier(JumpNet(new ReLU())), data.Images, data.Labels, context);
        var masked = new Pgd(Threat, steps: 5, stepSize: 0.05f).Run(new NetworkClassifier(JumpNet()), data.Images, data.Labels, context);

        Assert.Equal(surrogate.Adversarial.Data, bpda.Adversarial.Data);
        Assert.NotEqual(masked.Adversarial.Data, bpda.Adversarial.Data);
    }

    [Fact]
    public void The_margin_loss_breaks_srelu_alpha_10_where_cross_entropy_bpda_is_masked()
    {
        // SReLU α = 10 saturates the softmax (Borji §2): the cross-entropy's input gradient is exactly zero on most
        // examples, through ReLU's backward pass too, so BPDA-PGD stands still; C&W's margin reads the logits and does not.
        var data = TrainedModel.MnistTest(64);
        var network = TrainedModel.Load(ModelZoo.BorjiMnist);
        network.Retrofit(new SlopedReLU(10f));
        var model = new NetworkClassifier(network);
        var threat = new ThreatModel(LpNorm.Linf, 0.3f);
        var crossEntropy = new BpdaPgd(threat, steps: 20, stepSize: 0.03f, randomStart: false).Run(model, data.Images, data.Labels);
        var margin = new BpdaPgd(threat, steps: 20, stepSize: 0.03f, randomStart: false, marginLoss: true).Run(model, data.Images, data.Labels);
        float Accuracy(AttackResult r) => (float)r.AdversarialPredictions.Zip(data.Labels).Count(p => p.First == p.Second) / data.Count;
        float clean = (float)margin.CleanPredictions.Zip(data.Labels).Count(p => p.First == p.Second) / data.Count;

        Assert.True(ZeroGradient.Fraction(model, data.Images, data.Labels, 64) > 0.5f, "the masking signal: most cross-entropy gradients are exactly zero");
        Assert.True(Accuracy(crossEntropy) > clean - 0.1f, $"CE-BPDA: {Accuracy(crossEntropy):P1} of {clean:P1} clean");
        Assert.True(Accuracy(margin) < 0.1f, $"margin BPDA: {Accuracy(margin):P1}");
        Assert.Equal("bpda-pgd-margin", AttackCatalog.Create("bpda-pgd-margin", new AttackSettings()).Name);
    }

    [Fact]
    public void Slots_are_restored_after_the_attack_and_reach_through_wrappers()
    {
        var network = JumpNet();
        var keep = new Tanh();
        network.Slots[0].BackwardFunction = keep;
        var seen = new List<string[]>();   // the slots' backward functions at each progress report
        var model = new RandomizedSmoothing(new NetworkClassifier(network), sigma: 0.1f, samples: 2);
        var progress = new Inline(_ => seen.Add(network.Slots.Select(s => s.BackwardFunction?.Spec ?? "none").ToArray()));
        var data = TrainedModel.MnistTest(4);

        new BpdaPgd(Threat, steps: 2, stepSize: 0.05f).Run(model, data.Images, data.Labels, new AttackContext(Progress: progress));

        // Two PGD steps report during the attack; Run reports 1.0 after it.
        Assert.Equal(3, seen.Count);
        Assert.All(seen.Take(2), during => Assert.All(during, spec => Assert.Equal("relu", spec)));
        Assert.Equal(["tanh", "none", "none", "none"], seen[2]);
        Assert.Same(keep, network.Slots[0].BackwardFunction);
        Assert.All(network.Slots.Skip(1), s => Assert.Null(s.BackwardFunction));
        Assert.All(network.Slots, s => Assert.IsType<JumpReLU>(s.Function));
    }

    [Fact]
    public void Slots_are_restored_when_the_attack_is_cancelled()
    {
        var network = JumpNet();
        using var cancellation = new CancellationTokenSource();
        var progress = new Inline(_ => cancellation.Cancel());
        var data = TrainedModel.MnistTest(4);

        Assert.ThrowsAny<OperationCanceledException>(() => new BpdaPgd(Threat, steps: 10, stepSize: 0.05f)
            .Run(new NetworkClassifier(network), data.Images, data.Labels, new AttackContext(Cancellation: cancellation.Token, Progress: progress)));
        Assert.All(network.Slots, s => Assert.Null(s.BackwardFunction));
    }

    [Fact]
    public void Only_relu_retrofits_are_substituted()
    {
        var network = TrainedModel.Load();
        network.Slots[0].Function = new JumpReLU(0.5f);
        network.Slots[1].Function = new SlopedReLU(10f);
        network.Slots[2].Function = new Tanh();
        var slots = BpdaPgd.Substitutable(new InputScaling(new NetworkClassifier(network), 2f)).ToList();
        Assert.Equal([network.Slots[0], network.Slots[1]], slots);
    }

    // Reports synchronously on the attack's thread (Progress<T> would post to the thread pool).
    private sealed class Inline(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
