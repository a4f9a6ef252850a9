using static RobustLab.Tests.Experiments.ExperimentFixture;

namespace RobustLab.Tests.Experiments;

/// <summary>smoothing-ablation and the kurakin-* experiments on a few test images in quick mode.</summary>
public sealed class SmoothingAndKurakinExperimentTests
{
    [Fact]
    public async Task Smoothing_ablation_covers_every_vote_and_sigma_zero_is_the_base_model()
    {
        using var temp = new TempDirectory();
        var table = (await RunAsync("smoothing-ablation", temp)).Table("ablation");
        Assert.Equal(["vote", "n", "σ", "clean", "PGD from base", "EPGD"], table.Columns.Select(c => c.Name));
        Assert.Equal(["majority", "majority", "soft", "soft", "weighted", "weighted"], table.Rows.Select(r => (string)r[0]!));
        foreach (var row in table.Rows.Where(r => Convert.ToDouble(r[2]) == 0))
            Assert.Equal(CleanAccuracy("lenet-like", 16), Number(table, row, "clean"), 6);
    }

    [Fact]
    public async Task Adversarial_training_comparison_has_a_row_per_generator_with_table_5_beside()
    {
        using var temp = new TempDirectory();
        var table = (await RunAsync("kurakin-adv-training", temp)).Table("table5");
        Assert.Equal(["none", "step-ll"], table.Rows.Select(r => (string)r[0]!));
        Assert.Equal(2 + 2 * 2 + 1 + 1 + 4, table.Columns.Count);
        Assert.Equal([0.768, 0.763], table.Rows.Select(r => Number(table, r, "paper clean")));
        Assert.Equal(0.722, Number(table, table.Rows[1], "paper ε=16/255"));
    }

    [Fact]
    public async Task Label_leak_compares_fgsm_with_fgsm_pred_and_counts_leaks_within_the_test_set()
    {
        using var temp = new TempDirectory();
        var run = await RunAsync("kurakin-label-leak", temp);
        var accuracy = run.Table("table3");
        Assert.Equal(3, accuracy.Rows.Count);
        // Both FGSM rows attack the same FGSM-trained model: the same clean accuracy.
        Assert.Equal(Number(accuracy, accuracy.Rows[1], "clean"), Number(accuracy, accuracy.Rows[2], "clean"));
        var leaks = run.Table("label-leaks");
        Assert.Equal([0.1, 0.3], leaks.Rows.Select(r => Convert.ToDouble(r[0])));
        Assert.All(leaks.Rows, r => Assert.InRange((int)r[1]!, 0, 16));
        Assert.Null(leaks.Rows[0][4]);
        Assert.Equal(79, leaks.Rows[1][4]);
        Assert.True(File.Exists(Path.Combine(run.OutputDir, "lenet-like-adv-fgsm.safetensors")));
    }
}
