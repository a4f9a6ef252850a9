using RobustLab.Web.Services.Lab;

namespace RobustLab.Tests.Web.Lab;

public sealed class LatencyStatsTests
{
    [Fact]
    public void Percentiles_use_the_nearest_rank_over_the_window()
    {
        var stats = new LatencyStats(window: 100);
        Assert.Null(stats.Percentile(50));
        for (int i = 1; i <= 100; i++) stats.Add(i);
        Assert.Equal(50, stats.Percentile(50));
        Assert.Equal(95, stats.Percentile(95));
        Assert.Equal(1, stats.Percentile(0));
        Assert.Equal(100, stats.Percentile(100));
        stats.Add(1000); // pushes 1 out
        Assert.Equal(100, stats.Count);
        Assert.Equal(2, stats.Percentile(0));
        Assert.Equal(1000, stats.Percentile(100));
    }

    [Fact]
    public void Bad_values_are_rejected()
    {
        var stats = new LatencyStats();
        Assert.Throws<ArgumentOutOfRangeException>(() => stats.Add(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => stats.Add(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => stats.Percentile(101));
    }
}
