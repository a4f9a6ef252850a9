using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Models;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Attacks;

/// <summary>AutoAttack and its components (Croce &amp; Hein 2020) on real MNIST with the committed default models.</summary>
public sealed class AutoAttackTests
{
    private static float Accuracy(AttackResult r) => r.AdversarialPredictions.Zip(r.Labels).Count(p => p.First == p.Second) / (float)r.Count;

    [Fact]
    public void Apgd_ce_beats_or_matches_pgd_40_on_lenet_like()
    {
        var data = TrainedModel.MnistTest(64, offset: 200);
        var threat = new ThreatModel(LpNorm.Linf, 0.1f); // ε 0.3 breaks every image with either attack; 0.1 separates them
        var pgd = new Pgd(threat, 40, threat.Epsilon / 4).Run(new NetworkClassifier(TrainedModel.Load()), data.Images, data.Labels, new AttackContext(Seed: 3));
        var apgd = new Apgd(threat, 40).Run(new NetworkClassifier(TrainedModel.Load()), data.Images, data.Labels, new AttackContext(Seed: 3));
        Assert.True(Accuracy(apgd) <= Accuracy(pgd), $"APGD-CE {Accuracy(apgd):P1} > PGD-40 {Accuracy(pgd):P1}");
        Assert.True(Accuracy(apgd) < 0.95f, $"APGD-CE left {Accuracy(apgd):P1} at ε 0.1");
    }

    [Theory]
    [InlineData(LpNorm.Linf, 0.15f)]
    [InlineData(LpNorm.L2, 1.5f)]
    public void Ensemble_is_at_least_as_strong_as_its_first_component(LpNorm norm, float eps)
    {
        // APGD-CE runs first with the same seed on the same examples, so the ensemble can only add broken examples to it.
        var data = TrainedModel.MnistTest(24, offset: 300);
        var threat = new ThreatModel(norm, eps);
        var context = new AttackContext(Seed: 5);
        var first = new Apgd(threat, 10).Run(new NetworkClassifier(TrainedModel.Load()), data.Images, data.Labels, context);
        var all = new AutoAttack(threat, steps: 10, queries: 200).Run(new NetworkClassifier(TrainedModel.Load()), data.Images, data.Labels, context);
        Assert.True(Accuracy(all) <= Accuracy(first), $"AutoAttack {Accuracy(all):P1} > APGD-CE {Accuracy(first):P1}");
        var bound = norm == LpNorm.Linf ? all.Linf : all.L2;
        Assert.All(bound, d => Assert.True(d <= eps + 1e-5f));
        // an example the ensemble leaves robust is returned unchanged (the clean image), as in the authors' code
        for (int i = 0; i < all.Count; i++)
            if (!all.Success[i]) Assert.Equal(0f, all.L2[i]);
    }

    [Fact]
    public void Apgd_t_and_fab_t_lower_accuracy_within_the_budget()
    {
        var data = TrainedModel.MnistTest(24, offset: 400);
        var threat = new ThreatModel(LpNorm.Linf, 0.15f);
        foreach (Attack attack in new Attack[] { new ApgdTargeted(threat, 10, targetClasses: 3), new FabTargeted(threat, 10, targetClasses: 3) })
        {
            var r = attack.Run(new NetworkClassifier(TrainedModel.Load()), data.Images, data.Labels, new AttackContext(Seed: 1));
            Assert.All(r.Linf, d => Assert.True(d <= threat.Epsilon + 1e-6f, $"{attack}: ‖δ‖∞ = {d}"));
            Assert.True(Accuracy(r) < 0.7f, $"{attack} left {Accuracy(r):P1}");
        }
    }

    [Fact]
    public void Dlr_gradient_matches_central_differences()
    {
        var rng = new Random(4);
        var logits = new Tensor(3, 10);
        for (int i = 0; i < logits.Length; i++) logits.Data[i] = 4 * rng.NextSingle() - 2;
        int[] labels = [1, 7, 3], targets = [4, 0, 9];
        foreach (var loss in new[] { DifferenceOfLogitsRatio.Untargeted(labels), DifferenceOfLogitsRatio.Targeted(labels, targets) })
        {
            var analytic = loss.Gradient(logits);
            for (int i = 0; i < logits.Length; i++)
            {
                const float h = 1e-3f;
                var plus = logits.Clone(); plus.Data[i] += h;
                var minus = logits.Clone(); minus.Data[i] -= h;
                int row = i / 10;
                float numeric = (loss.Value(plus)[row] - loss.Value(minus)[row]) / (2 * h);
                Assert.True(MathF.Abs(numeric - analytic.Data[i]) < 2e-3f, $"{loss.Name} ∂/∂z[{i}]: {analytic.Data[i]} vs {numeric}");
            }
        }
    }

    [Fact]
    public void Dlr_is_invariant_to_shifting_and_scaling_the_logits()
    {
        var logits = new Tensor([3f, 1f, -2f, 0.5f, 2.5f], 1, 5);
        var scaled = new Tensor(logits.Data.Select(v => 7 * v + 11).ToArray(), 1, 5);
        var dlr = DifferenceOfLogitsRatio.Untargeted([4]);
        Assert.Equal(dlr.Value(logits)[0], dlr.Value(scaled)[0], 4);
        // −(z_y − max_{i≠y} z_i)/(z_π1 − z_π3) = −(2.5 − 3)/(3 − 1)
        Assert.Equal(0.25f, dlr.Value(logits)[0], 5);
    }

    [Theory]
    [InlineData(LpNorm.Linf)]
    [InlineData(LpNorm.L2)]
    public void Fab_projection_lands_on_the_hyperplane_inside_the_box(LpNorm norm)
    {
        var rng = new Random(9);
        const int d = 50;
        for (int trial = 0; trial < 20; trial++)
        {
            var t = Enumerable.Range(0, d).Select(_ => 0.2f + 0.6f * rng.NextSingle()).ToArray();
            var w = Enumerable.Range(0, d).Select(_ => rng.NextSingle() - 0.5f).ToArray();
            float wt = t.Zip(w).Sum(p => p.First * p.Second);
            float b = wt + 0.05f * (rng.NextSingle() - 0.5f); // a hyperplane close enough to be reached inside the box
            var delta = norm == LpNorm.Linf ? FabProjection.Linf(t, w, b) : FabProjection.L2(t, w, b);
            float reached = t.Zip(delta).Zip(w).Sum(p => (p.First.First + p.First.Second) * p.Second);
            Assert.True(MathF.Abs(reached - b) < 1e-4f, $"{norm}: w·(t+δ) = {reached}, b = {b}");
            Assert.All(t.Zip(delta), p => Assert.InRange(p.First + p.Second, -1e-6f, 1 + 1e-6f));
            if (norm == LpNorm.L2)
            {
                // inside the box the projection is the closed form δ = (b − w·t)·w/‖w‖²
                float ww = w.Sum(v => v * v);
                for (int i = 0; i < d; i++) Assert.Equal((b - wt) * w[i] / ww, delta[i], 4);
            }
            else
            {
                // L∞: every coordinate moves by the same |δ| = |b − w·t|/‖w‖₁ in the direction of sign(w)·sign(b − w·t)
                float step = MathF.Abs(b - wt) / w.Sum(MathF.Abs);
                Assert.All(delta, v => Assert.Equal(step, MathF.Abs(v), 4));
            }
        }
    }

    [Fact]
    public void Autoattack_and_square_break_srelu_10_that_fgsm_cannot()
    {
        // Borji's SReLU at α = 10 saturates the softmax: the cross-entropy gradient is exactly zero and FGSM/PGD stall
        var data = TrainedModel.MnistTest(32, offset: 500);
        var net = TrainedModel.Load(ModelZoo.BorjiMnist);
        net.Retrofit(Engine.Layers.Activations.ActivationCatalog.Parse("srelu:10", 0));
        var model = new NetworkClassifier(net);
        var threat = new ThreatModel(LpNorm.Linf, 0.2f);
        float fgsm = Accuracy(new Fgsm(0.2f).Run(model, data.Images, data.Labels));
        float square = Accuracy(new Square(threat, 300).Run(new GradientFreeClassifier(model), data.Images, data.Labels, new AttackContext(Seed: 2)));
        float auto = Accuracy(new AutoAttack(threat, steps: 10, queries: 300).Run(model, data.Images, data.Labels, new AttackContext(Seed: 2)));
        Assert.True(square < fgsm - 0.3f, $"Square {square:P1} vs FGSM {fgsm:P1}");
        Assert.True(auto < fgsm - 0.3f, $"AutoAttack {auto:P1} vs FGSM {fgsm:P1}");
    }
}
