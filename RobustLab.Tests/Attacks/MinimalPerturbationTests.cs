using RobustLab.Engine.Attacks;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Attacks;

/// <summary>What the minimal-perturbation attacks share: ε = +∞ means unbounded, and a misclassified input is already adversarial.</summary>
public sealed class MinimalPerturbationTests
{
    public static TheoryData<string> Names() => ["deepfool", "cw", "trust-region"];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_misclassified_input_is_returned_unchanged(string name)
    {
        var model = KnownAnswerTests.Linear2(out _, out _);
        var x = new Tensor([0.5f, 0.5f, 0.5f, 0.5f], 1, 1, 2, 2); // predicted 0
        var attack = AttackCatalog.Create(name, new AttackSettings(LpNorm.L2, float.PositiveInfinity));
        var result = attack.Run(model, x, [1]);
        Assert.Equal(x.Data, result.Adversarial.Data);
        Assert.True(result.Success[0]);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Infinite_epsilon_is_unbounded_and_finite_epsilon_bounds(string name)
    {
        // At x = ½ the exact minimal L2 perturbation of the linear model is 0.278: a budget of 0.1 cannot reach it.
        var model = KnownAnswerTests.Linear2(out _, out _);
        var x = new Tensor([0.5f, 0.5f, 0.5f, 0.5f], 1, 1, 2, 2);
        var unbounded = AttackCatalog.Create(name, new AttackSettings(LpNorm.L2, float.PositiveInfinity)).Run(model, x, [0]);
        var bounded = AttackCatalog.Create(name, new AttackSettings(LpNorm.L2, 0.1f)).Run(model, x, [0]);
        Assert.True(unbounded.Success[0]);
        Assert.False(bounded.Success[0]);
        Assert.InRange(bounded.L2[0], 0f, 0.1f + 1e-6f);
    }

    [Fact]
    public void Bounded_attacks_reject_an_infinite_epsilon()
    {
        Assert.Throws<ArgumentException>(() => AttackCatalog.Create("pgd", new AttackSettings(LpNorm.L2, float.PositiveInfinity)));
    }
}
