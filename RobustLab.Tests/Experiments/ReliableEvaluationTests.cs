using static RobustLab.Tests.Experiments.ExperimentFixture;

namespace RobustLab.Tests.Experiments;

/// <summary>reproduce reliable-eval in quick mode: a row per paper defense, AutoAttack beside it, and SReLU's masking flagged.</summary>
public sealed class ReliableEvaluationTests
{
    [Fact]
    public async Task Each_defense_has_its_papers_attack_beside_autoattack_and_srelu_is_flagged()
    {
        using var temp = new TempDirectory();
        var table = (await RunAsync("reliable-eval", temp, limit: 12)).Table("reliable-eval");
        Assert.Equal(["JumpReLU κ = 1.0", "SReLU α = 10", "SReLU α = 10", "smoothing σ = 0.25, n = 8"], table.Rows.Select(r => (string)r[0]!));
        var fgsm = table.Rows[1];
        // SReLU α = 10 hides its gradient from FGSM; AutoAttack (with Square) sees through it, and the checks say why
        Assert.True(Number(table, fgsm, "AutoAttack") < Number(table, fgsm, "paper's attack") - 0.3, "AutoAttack did not break SReLU α = 10");
        Assert.StartsWith("gradient masking likely", (string)table.Cell(fgsm, "gradient masking")!);
    }
}
