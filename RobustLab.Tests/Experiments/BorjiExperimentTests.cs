using static RobustLab.Tests.Experiments.ExperimentFixture;

namespace RobustLab.Tests.Experiments;

/// <summary>The borji-* experiments on a few test images in quick mode (slopes 1 and 10, ε 0.1 and 0.3).</summary>
public sealed class BorjiExperimentTests
{
    [Fact]
    public async Task Eps_has_a_row_per_attack_and_slope_starting_at_the_clean_accuracy_and_consistent_means()
    {
        using var temp = new TempDirectory();
        var run = await RunAsync("borji-eps", temp);
        var curves = run.Table("accuracy-vs-eps");
        Assert.Equal(["attack", "α", "ε=0 (clean)", "ε=0.1", "ε=0.3"], curves.Columns.Select(c => c.Name));
        Assert.Equal(["FGSM", "FGSM", "BIM", "BIM", "R-FGSM", "R-FGSM", "StepLL", "StepLL", "PGD-40", "PGD-40"], curves.Rows.Select(r => (string)r[0]!));
        var relu = curves.Rows.Where(r => Convert.ToDouble(r[1]) == 1).ToList();
        Assert.All(relu, r => Assert.Equal(CleanAccuracy("borji-mnist", 16), Number(curves, r, "ε=0 (clean)"), 6));

        var deepFool = run.Table("deepfool-iterations");
        Assert.Equal(["α", "clean", "t=1", "t=2"], deepFool.Columns.Select(c => c.Name));
        var means = run.Table("mean-over-eps");
        Assert.Equal(["α", "FGSM", "BIM", "R-FGSM", "StepLL", "PGD-40", "DeepFool"], means.Columns.Select(c => c.Name));
        // The FGSM mean at α = 1 is the mean of its row of the curve table (clean included).
        Assert.Equal(relu[0].Skip(2).Average(Convert.ToDouble), Number(means, means.Rows[0], "FGSM"), 5);
        Assert.Equal(deepFool.Rows[1].Skip(1).Average(Convert.ToDouble), Number(means, means.Rows[1], "DeepFool"), 5);
    }

    [Fact]
    public async Task Targeted_averages_the_ten_per_class_success_rates()
    {
        using var temp = new TempDirectory();
        var run = await RunAsync("borji-targeted", temp);
        var mean = run.Table("targeted");
        var perClass = run.Table("targeted-per-class");
        Assert.Equal([1.0, 10.0], mean.Rows.Select(r => Convert.ToDouble(r[0])));
        Assert.Equal(20, perClass.Rows.Count);
        Assert.Equal(Enumerable.Range(0, 10), perClass.Rows.Where(r => Convert.ToDouble(r[1]) == 1).Select(r => (int)r[0]!));
        var rows = perClass.Rows.Where(r => Convert.ToDouble(r[1]) == 10 && r[3] is not null).ToList();
        Assert.Equal(rows.Average(r => Convert.ToDouble(r[3])), Number(mean, mean.Rows[1], "ε=0.3"), 5);
    }

    [Fact]
    public async Task Scaling_by_one_is_the_same_with_and_without_clipping()
    {
        using var temp = new TempDirectory();
        var table = (await RunAsync("borji-scaling", temp)).Table("input-scaling");
        Assert.Equal([("clipped", 1.0), ("clipped", 10.0), ("not clipped", 1.0), ("not clipped", 10.0)],
            table.Rows.Select(r => ((string)r[0]!, Convert.ToDouble(r[1]))));
        // MNIST pixels are in [0,1]: ×1 never clips.
        Assert.Equal(table.Rows[0].Skip(2).Select(Convert.ToDouble), table.Rows[2].Skip(2).Select(Convert.ToDouble));
        Assert.Equal(CleanAccuracy("borji-mnist", 16), Number(table, table.Rows[0], "ε=0 (clean)"), 6);
    }

    [Fact]
    public async Task Bpda_trains_and_caches_a_substitute_per_slope_and_on_relu_bpda_is_pgd()
    {
        using var temp = new TempDirectory();
        var run = await RunAsync("borji-bpda", temp);
        var table = run.Table("bpda");
        Assert.Equal([(1.0, 0.1), (1.0, 0.3), (10.0, 0.1), (10.0, 0.3)], table.Rows.Select(r => (Convert.ToDouble(r[0]), Convert.ToDouble(r[1]))));
        // α = 1 is plain ReLU, whose BPDA backward is its own: BPDA-PGD is PGD with the same seed.
        foreach (var row in table.Rows.Take(2)) Assert.Equal(Number(table, row, "PGD direct"), Number(table, row, "BPDA-PGD"), 6);
        Assert.True(File.Exists(Path.Combine(run.OutputDir, "substitute-srelu-1.safetensors")));
        Assert.True(File.Exists(Path.Combine(run.OutputDir, "substitute-srelu-10.safetensors")));
    }
}
