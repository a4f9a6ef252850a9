using RobustLab.Load;
using RobustLab.Load.Measurement;
using RobustLab.Load.Users;

namespace RobustLab.Tests.Load;

// The load test's command line, its slider drags and its percentiles.
public sealed class LoadOptionsTests
{
    [Fact]
    public void Defaults_are_the_issues_run_and_options_override_them()
    {
        var defaults = LoadOptions.Parse([]);
        Assert.Equal((100, 10, 10.0, 60.0), (defaults.Users, defaults.EffectiveSweepers, defaults.Minutes, defaults.WarmupSeconds));

        var o = LoadOptions.Parse(["--users", "40", "--sweepers", "0", "--minutes", "2.5", "--warmup", "30", "--url", "http://127.0.0.1:5000/",
            "--env", "RobustLab__Jobs__MaxQueued=4", "--env", "DOTNET_gcServer=0", "--seed", "7"]);
        Assert.Equal((40, 0, 2.5, 30.0, 7), (o.Users, o.EffectiveSweepers, o.Minutes, o.WarmupSeconds, o.Seed));
        Assert.Equal(new Uri("http://127.0.0.1:5000/"), o.Url);
        Assert.Equal("4", o.Environment["RobustLab__Jobs__MaxQueued"]);
        Assert.Equal("0", o.Environment["DOTNET_gcServer"]);
    }

    [Theory]
    [InlineData("--users", "0")]
    [InlineData("--users", "many")]
    [InlineData("--minutes", "-1")]
    [InlineData("--env", "NOEQUALS")]
    [InlineData("--url", "not a url")]
    [InlineData("--bogus", "1")]
    public void Bad_arguments_are_refused_with_a_message(string name, string value)
    {
        var e = Assert.Throws<ArgumentException>(() => LoadOptions.Parse([name, value]));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Fact]
    public void More_sweepers_than_users_or_a_warmup_as_long_as_the_run_are_refused()
    {
        Assert.Throws<ArgumentException>(() => LoadOptions.Parse(["--users", "3", "--sweepers", "4"]));
        Assert.Throws<ArgumentException>(() => LoadOptions.Parse(["--minutes", "1", "--warmup", "60"]));
        Assert.Throws<ArgumentException>(() => LoadOptions.Parse(["--users"]));
    }

    [Fact]
    public void A_drag_steps_on_the_slider_grid_to_its_target_without_repeating_a_value()
    {
        var values = SliderDrag.Values(0.3, 0.25, 10, 0.005);
        Assert.Equal([0.295, 0.29, 0.285, 0.28, 0.275, 0.27, 0.265, 0.26, 0.255, 0.25], values);
        var coarse = SliderDrag.Values(1, 1.2, 10, 0.05); // fewer grid points than events: each value once
        Assert.Equal([1.05, 1.1, 1.15, 1.2], coarse);
        Assert.Empty(SliderDrag.Values(0.5, 0.5, 10, 0.005));
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        double[] sorted = [.. Enumerable.Range(1, 100).Select(i => (double)i)];
        Assert.Equal(50, Samples.Percentile(sorted, 50));
        Assert.Equal(95, Samples.Percentile(sorted, 95));
        Assert.Equal(100, Samples.Percentile(sorted, 100));
        Assert.Equal(7, Samples.Percentile([7], 99));
        Assert.Null(Samples.Percentile([], 50));

        var samples = new Samples();
        samples.Add(1, 30);
        samples.Add(5, 10);
        samples.Add(9, 20);
        var summary = samples.Summary(fromSeconds: 2); // the first sample is in the warm-up
        Assert.Equal((2, 10.0, 20.0), (summary.Count, summary.P50!.Value, summary.Max!.Value));
        var quiet = samples.Summary(fromSeconds: 2, keep: at => at < 8); // only the moments a filter accepts
        Assert.Equal((1, 10.0), (quiet.Count, quiet.Max!.Value));
    }
}
