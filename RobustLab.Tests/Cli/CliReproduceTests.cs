using RobustLab.Engine.Experiments;

namespace RobustLab.Tests.Cli;

/// <summary>robustlab reproduce: the list, usage errors, and one quick run end to end.</summary>
public sealed class CliReproduceTests
{
    [Fact]
    public async Task List_prints_every_experiment_with_one_line_each()
    {
        var r = await CliRunner.RunAsync("reproduce", "--list");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ExperimentCatalog.Names.Count, lines.Length);
        foreach (var e in ExperimentCatalog.All) Assert.Contains(lines, l => l.StartsWith(e.Name + " ", StringComparison.Ordinal) && l.Contains(e.Description));
    }

    [Theory]
    [InlineData(new[] { "reproduce", "jumprelu-kapa" }, "Unknown experiment 'jumprelu-kapa'")]
    [InlineData(new[] { "reproduce" }, "Which experiment?")]
    [InlineData(new[] { "reproduce", "borji-eps", "--limit", "0" }, "--limit must be an integer")]
    [InlineData(new[] { "reproduce", "borji-eps", "--eps", "0.3" }, "Unknown option: --eps")]
    [InlineData(new[] { "reproduce", "borji-eps", "--list" }, "--list takes no experiment name")]
    public async Task Bad_arguments_print_usage_and_exit_2(string[] args, string message)
    {
        var r = await CliRunner.RunAsync(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.Contains("robustlab reproduce --list", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public async Task A_quick_run_streams_progress_prints_markdown_and_writes_markdown_and_csv()
    {
        using var temp = new TempDirectory();
        var r = await CliRunner.RunAsync("reproduce", "jumprelu-iterations", "--quick", "--limit", "8", "--out", temp.Root, "--threads", "1");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("## PGD accuracy vs iterations", r.Stdout);
        Assert.Contains("| iterations | ReLU (κ=0) | JumpReLU κ=0.5 |", r.Stdout);
        Assert.Contains("iterations=3", r.Stderr);
        Assert.Equal(["iterations.csv", "iterations.md"], temp.Files());
        Assert.StartsWith("iterations,ReLU (κ=0),JumpReLU κ=0.5\n0,1,1\n", File.ReadAllText(temp.File("iterations.csv")));
    }
}
