using RobustLab.Load.Measurement;
using RobustLab.Load.Users;

namespace RobustLab.Load;

/// <summary>
/// One load test: start the server (unless --url), let the users arrive over the ramp, run them for the given time,
/// read the server's CPU and memory every 2 s from /proc, then stop everyone and build the report.
/// </summary>
internal sealed class LoadRun(LoadOptions options, TextWriter log)
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(2);

    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        ServerProcess? server = null;
        try
        {
            Uri address;
            if (options.Url is { } url)
            {
                address = url;
                await ServerProcess.WaitUntilAnsweringAsync(address, cancellationToken);
            }
            else
            {
                server = await ServerProcess.StartAsync(RepositoryRoot(), options.Environment, cancellationToken);
                address = server.Address;
                log.WriteLine($"server {address} (pid {server.Pid})");
            }
            // The server's memory before any circuit, after the start page warmed it up (for memory per circuit).
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            double? idleMiB = server is null ? null : ProcessSampler.ResidentMiB(server.Pid);

            var metrics = new LoadMetrics();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var duration = TimeSpan.FromMinutes(options.Minutes);
            var samples = new List<ResourceSample>();
            var sampling = SampleAsync(server?.Pid, metrics, samples, duration, stop.Token);
            var users = StartUsers(address, metrics, stop.Token);
            try
            {
                await Task.Delay(duration, cancellationToken);
            }
            finally
            {
                stop.Cancel();
                await Task.WhenAll(users);
                await sampling;
            }
            if (server is { HasExited: true }) metrics.Error("the server exited");
            return LoadReport.Build(options, metrics, samples, idleMiB, server?.Pid is not null);
        }
        catch when (server is not null && !cancellationToken.IsCancellationRequested)
        {
            log.WriteLine("the server's last lines:\n" + server.Tail);
            throw;
        }
        finally
        {
            if (server is not null) await server.DisposeAsync();
        }
    }

    private List<Task> StartUsers(Uri address, LoadMetrics metrics, CancellationToken stop)
    {
        var tasks = new List<Task>();
        int sweepers = options.EffectiveSweepers;
        for (int i = 0; i < options.Users; i++)
        {
            // Sweepers are spread among the others; each user has its own seeded random stream.
            bool sweeps = i * sweepers / options.Users != (i + 1) * sweepers / options.Users;
            var context = new UserContext(i, address, HashCode.Combine(options.Seed, i), metrics, stop);
            var delay = TimeSpan.FromSeconds(options.RampSeconds * i / Math.Max(1, options.Users));
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    await Task.Delay(delay, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                SimulatedUser user = sweeps ? new SweepUser(context) : new LabUser(context, options.JumpReLUShare);
                await user.RunAsync();
            }, CancellationToken.None));
        }
        return tasks;
    }

    // Every 2 s: the server's RSS and CPU (from /proc), this process's CPU, the load average; a progress line every 30 s.
    private async Task SampleAsync(int? pid, LoadMetrics metrics, List<ResourceSample> samples, TimeSpan duration, CancellationToken stop)
    {
        int self = Environment.ProcessId;
        double? lastServer = pid is { } p0 ? ProcessSampler.CpuSeconds(p0) : null, lastClient = ProcessSampler.CpuSeconds(self),
            lastMachine = ProcessSampler.MachineBusySeconds();
        double lastAt = metrics.Now, lastPrinted = 0;
        using var timer = new PeriodicTimer(SampleInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                double at = metrics.Now, dt = at - lastAt;
                double? server = pid is { } p ? ProcessSampler.CpuSeconds(p) : null, client = ProcessSampler.CpuSeconds(self), machine = ProcessSampler.MachineBusySeconds();
                double? serverPercent = Percent(server, lastServer, dt), clientPercent = Percent(client, lastClient, dt);
                // Everything else: with --url the server is counted here too (it is not ours to measure).
                double? otherPercent = Percent(machine, lastMachine, dt) is { } all && clientPercent is { } c ? Math.Max(0, all - c - (serverPercent ?? 0)) : null;
                var sample = new ResourceSample(at, metrics.Circuits, pid is { } q ? ProcessSampler.ResidentMiB(q) : null,
                    serverPercent, pid is { } r ? ProcessSampler.Threads(r) : null, clientPercent, otherPercent, ProcessSampler.LoadAverage());
                samples.Add(sample);
                (lastServer, lastClient, lastMachine, lastAt) = (server, client, machine, at);
                if (at - lastPrinted >= 30)
                {
                    lastPrinted = at;
                    var recent = metrics.SliderToUpdate.Summary(at - 30);
                    log.WriteLine($"{at,5:0} s of {duration.TotalSeconds:0}: {metrics.Circuits} circuits, slider→update (last 30 s) p50 {recent.P50:0} p95 {recent.P95:0} ms, " +
                                  $"{metrics.ErrorCount} errors, {metrics.Busy} busy, {metrics.SweepsCompleted} sweeps, server {sample.ServerCpuPercent:0}% CPU {sample.ServerRssMiB:0} MiB, other processes {sample.OtherCpuPercent:0}% CPU");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static double? Percent(double? now, double? before, double seconds) =>
        now is { } a && before is { } b && seconds > 0 ? 100 * (a - b) / seconds : null;

    /// <summary>The folder holding RobustLab.sln, found upwards from this program (bin/Release/net10.0 of RobustLab.Load).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RobustLab.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("RobustLab.sln not found above " + AppContext.BaseDirectory);
    }
}
