using RobustLab.Load;

namespace RobustLab.Tests.Load;

// The load test's own client against the real app (Release build, started by the load test as it starts it for a real
// run): 3 users for 25 s — two dragging sliders on the Lab, one running a sweep. Updates must arrive and nothing may
// fail; timings are reported, not asserted (the machine may be busy).
public sealed class LoadSmokeTests
{
    [Fact]
    public async Task Three_users_get_their_updates_without_errors()
    {
        var options = new LoadOptions { Users = 3, Sweepers = 1, Minutes = 25.0 / 60, WarmupSeconds = 0, RampSeconds = 2, JumpReLUShare = 0.5, Seed = 3 };
        var log = new StringWriter();
        var report = await new LoadRun(options, log).RunAsync(CancellationToken.None);

        string context = $"{report.ToText()}\n{log}";
        Assert.True(report.Errors == 0, context);
        Assert.True(report.CircuitsOpened == 3, context);
        Assert.True(report.Drags > 0 && report.SliderToUpdateMs.Count > 0 && report.Updates > 0, context);
        Assert.True(report.EventToUpdateMs.Count > report.SliderToUpdateMs.Count, context);
        Assert.True(report.QueueWaitMs.Count + report.BusyAnswers >= 1, context); // the sweeper pressed Run and got an answer
        Assert.True(report.ServerIdleMiB > 0 && report.Samples.Count > 0 && report.Samples.Any(s => s.ServerCpuPercent is not null), context);
    }
}
