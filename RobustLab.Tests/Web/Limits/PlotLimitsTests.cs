using RobustLab.Engine.Catalog;
using RobustLab.Engine.Sweeps;
using Microsoft.Extensions.Options;
using RobustLab.Tests.Web.Tradeoffs;
using RobustLab.Web.Services.Limits;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Tests.Web.Limits;

// Points per plotted series, series per plot and points per run are settings (RobustLab:Limits); the server checks
// every run against the ones in force, and the defaults are the former constants.
public sealed class PlotLimitsTests(SweepLab lab) : IClassFixture<SweepLab>
{
    private static TradeoffsState Range(double stop) => new()
    {
        Model = "lenet-like", Knob = SweepKnobs.Epsilon, ValuesMode = ValuesMode.Range, RangeStart = 0, RangeStop = stop, RangeStep = 0.01,
        Attack = "fgsm", Examples = 10,
    };

    [Fact]
    public void The_defaults_are_fifty_points_per_series_sixteen_series_per_plot_two_hundred_points_per_run()
    {
        Assert.Equal(new PlotLimits(50, 16, 200), new LimitsOptions().Plot);
        Assert.Equal(PlotLimits.Default, new LimitsOptions().Plot);
    }

    [Fact]
    public void Points_per_series_follow_the_setting_both_ways()
    {
        var sixty = Range(0.59); // 0, 0.01, …, 0.59
        Assert.Contains(sixty.Validate(), e => e.Contains("gives 60 values; at most 50"));
        Assert.Empty(sixty.Values());

        var more = new PlotLimits(PointsPerSeries: 100, SeriesPerPlot: 16, PointsPerRun: 200);
        Assert.Empty(sixty.Validate(more));
        Assert.Equal(60, sixty.Values(more).Count);

        var fewer = new PlotLimits(PointsPerSeries: 10, SeriesPerPlot: 16, PointsPerRun: 200);
        Assert.Contains(Range(0.1).Validate(fewer), e => e.Contains("gives 11 values; at most 10"));
    }

    [Fact]
    public void Series_per_run_never_exceed_the_series_per_plot_and_points_per_run_follow_their_setting()
    {
        var threeAttacks = Range(0.05) with { SeriesBy = TradeoffsState.SeriesByAttack, SeriesValuesText = "fgsm, bim, pgd" };
        Assert.Empty(threeAttacks.Validate());
        Assert.Contains("At most 2 series per run, got 3.", threeAttacks.Validate(new PlotLimits(50, 2, 200)));
        Assert.Contains("6 values × 3 series = 18 points; at most 10 per run.", threeAttacks.Validate(new PlotLimits(10, 16, 10)));
    }

    [Fact]
    public async Task The_trade_offs_session_checks_runs_against_the_configured_limits()
    {
        var (session, circuit) = lab.Open(new LimitsOptions { PointsPerSeries = 5, PointsPerRun = 5 });
        using var _ = circuit;
        Assert.Equal(new PlotLimits(5, 16, 5), session.Limits);
        Assert.False(await session.StartAsync(Range(0.05))); // six values
        Assert.Contains(session.Errors, e => e.Contains("gives 6 values; at most 5"));
        Assert.Null(session.Job);
    }
}
