using RobustLab.Engine.Experiments;
using RobustLab.Engine.Serialization;
using static RobustLab.Tests.Experiments.ExperimentFixture;

namespace RobustLab.Tests.Experiments;

/// <summary>The jumprelu-* experiments on a few test images in quick mode: the tables' shape, the paper's numbers in place, and known answers.</summary>
public sealed class JumpReLUExperimentTests
{
    [Fact]
    public async Task Kappa_tradeoff_has_base_and_robust_rows_with_the_paper_beside_and_the_gray_box_table()
    {
        using var temp = new TempDirectory();
        var run = await RunAsync("jumprelu-kappa", temp);
        var tradeoff = run.Table("kappa-tradeoff");
        Assert.Equal([("Base", 0.0), ("Base", 0.5), ("Robust", 0.0), ("Robust", 0.5)],
            tradeoff.Rows.Select(r => ((string)r[0]!, Convert.ToDouble(r[1]))));
        // κ = 0 is ReLU: the default model's own accuracy.
        Assert.Equal(CleanAccuracy("lenet-like", 16), Number(tradeoff, tradeoff.Rows[0], "clean"), 6);
        Assert.Equal([0.9955, 0.9953, 0.9950, 0.9947], tradeoff.Rows.Select(r => Number(tradeoff, r, "paper clean")));
        Assert.Equal(0.179, Number(tradeoff, tradeoff.Rows[0], "paper DF ρ∞"));

        var gray = run.Table("graybox");
        Assert.Equal(["ReLU (Base)*", "JumpReLU (Base)", "ReLU (Robust)*", "JumpReLU (Robust)"], gray.Rows.Select(r => (string)r[0]!));
        // Crafted on the ReLU network and measured on it is the white-box attack on κ = 0.
        Assert.Equal(Number(tradeoff, tradeoff.Rows[0], "PGD"), Number(gray, gray.Rows[0], "PGD"), 6);
        Assert.Equal(Number(tradeoff, tradeoff.Rows[1], "clean"), Number(gray, gray.Rows[1], "clean"), 6);
        Assert.Equal(0.9165, Number(gray, gray.Rows[1], "paper PGD"));

        var metadata = ModelFile.ReadMetadata(Path.Combine(run.OutputDir, "lenet-like-robust.safetensors"));
        Assert.Equal("0", metadata["seed"]);
        Assert.Equal("0.3", metadata["fixed_eps"]);
        Assert.Contains(run.Log, l => l.Contains("trained and saved"));
    }

    [Fact]
    public async Task Transfer_matrix_has_a_row_per_source_kappa_and_its_diagonal_is_the_white_box_attack()
    {
        using var temp = new TempDirectory();
        var table = (await RunAsync("jumprelu-transfer", temp)).Table("transfer-matrix");
        Assert.Equal(["source κ", "target κ=0", "target κ=0.5", "source fool rate"], table.Columns.Select(c => c.Name));
        Assert.Equal([0.0, 0.5], table.Rows.Select(r => Convert.ToDouble(r[0])));
        // Cell (0, 0) is crafted and measured on the ReLU model, which gets all 16 clean images right: there accuracy + fooling rate = 1.
        Assert.Equal(1.0, CleanAccuracy("lenet-like", 16));
        Assert.Equal(1.0, Number(table, table.Rows[0], "target κ=0") + Number(table, table.Rows[0], "source fool rate"), 6);
    }

    [Fact]
    public async Task Iterations_start_at_the_clean_accuracy_and_repeat_exactly_for_a_seed()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var table = (await RunAsync("jumprelu-iterations", first, seed: 3)).Table("iterations");
        Assert.Equal(["iterations", "ReLU (κ=0)", "JumpReLU κ=0.5"], table.Columns.Select(c => c.Name));
        Assert.Equal([0, 1, 3], table.Rows.Select(r => (int)r[0]!));
        Assert.Equal(CleanAccuracy("lenet-like", 16), Number(table, table.Rows[0], "ReLU (κ=0)"), 6);
        var again = (await RunAsync("jumprelu-iterations", second, seed: 3)).Table("iterations");
        Assert.Equal(File.ReadAllText(Path.Combine(first.Root, "iterations.csv")), File.ReadAllText(Path.Combine(second.Root, "iterations.csv")));
        Assert.Equal(table.Rows.Select(r => r.Skip(1).Select(Convert.ToDouble)), again.Rows.Select(r => r.Skip(1).Select(Convert.ToDouble)));
    }
}
