using System.Globalization;
using System.Text;
using System.Text.Json;
using RobustLab.Load.Measurement;

namespace RobustLab.Load;

/// <summary>What a load test measured, the targets it was held to, and whether it met them; written as text and JSON.</summary>
internal sealed record LoadReport(
    string? Label, DateTimeOffset Finished, int Users, int Sweepers, double Minutes, double WarmupSeconds, int Seed,
    IReadOnlyDictionary<string, string> ServerEnvironment,
    Distribution SliderToUpdateMs, Distribution SliderToUpdateQuietMs, Distribution EventToUpdateMs, Distribution ServerComputeMs, Distribution PageReadyMs, Distribution QueueWaitMs, Distribution SweepSeconds,
    int Drags, int Events, int Updates, int CircuitsOpened, int SweepsCompleted, int BusyAnswers,
    int Errors, IReadOnlyDictionary<string, int> ErrorKinds, double ErrorRate,
    double? ServerIdleMiB, double? ServerPeakMiB, double? ServerMeanMiB, double? MemoryPerCircuitMiB, double? MemoryGrowthLastHalfPercent,
    double? ServerCpuMeanPercent, double? ServerCpuP95Percent, double? ServerCpuMsPerEvent, double? ClientCpuMeanPercent, double? OtherCpuMeanPercent, double? LoadAverageMean, double? LoadAverageMax,
    IReadOnlyList<Target> Targets, IReadOnlyList<ResourceSample> Samples)
{
    public const double SliderP95TargetMs = 250, MemoryGrowthTargetPercent = 5;

    /// <summary>A moment is "quiet" when the other processes on the machine used less than this much CPU (percent of one
    /// core) in the 2 s reading around it: on a shared machine, the latencies measured then are the lab's own.</summary>
    public const double QuietOtherCpuPercent = 25;

    public bool Passed => Targets.All(t => t.Met);

    public static LoadReport Build(LoadOptions o, LoadMetrics m, IReadOnlyList<ResourceSample> samples, double? idleMiB, bool ownServer)
    {
        double from = o.WarmupSeconds;
        var measured = samples.Where(s => s.At >= from).ToList();
        var rss = measured.Where(s => s.ServerRssMiB is not null).ToList();
        // Memory per circuit: what the server holds beyond its idle size, divided by the circuits open at that moment.
        double? perCircuit = idleMiB is { } idle && rss.Count > 0 && rss.Average(s => s.Circuits) is var c && c > 0
            ? (rss.Average(s => s.ServerRssMiB!.Value) - idle) / c : null;
        double? growth = Growth(rss);
        var slider = m.SliderToUpdate.Summary(from);
        int attempts = m.Events + m.CircuitsOpened;
        var targets = new List<Target>
        {
            new($"p95 slider→update ≤ {SliderP95TargetMs:0} ms (Lab users)", slider.P95 is { } p95 && p95 <= SliderP95TargetMs, slider.P95 is { } v ? $"{v:0} ms" : "no samples"),
            new("no errors besides the intended \"busy\" answers", m.ErrorCount == 0, $"{m.ErrorCount} errors"),
        };
        if (ownServer) targets.Add(new($"server memory flat after warm-up (≤ {MemoryGrowthTargetPercent:0} % growth over the last half)",
            growth is { } g && g <= MemoryGrowthTargetPercent, growth is { } h ? $"{h:+0.0;-0.0} %" : "not measured"));
        return new LoadReport(o.Label, DateTimeOffset.UtcNow, o.Users, o.EffectiveSweepers, o.Minutes, o.WarmupSeconds, o.Seed, o.Environment,
            slider, m.SliderToUpdate.Summary(from, at => Quiet(samples, at)), m.EventToUpdate.Summary(from), m.ServerCompute.Summary(from), m.PageReady.Summary(0), m.QueueWait.Summary(0), m.SweepSeconds.Summary(0),
            m.Drags, m.Events, m.Updates, m.CircuitsOpened, m.SweepsCompleted, m.Busy,
            m.ErrorCount, m.Errors.ToDictionary(), attempts > 0 ? (double)m.ErrorCount / attempts : 0,
            idleMiB, Max(rss, s => s.ServerRssMiB), Mean(rss, s => s.ServerRssMiB), perCircuit, growth,
            Mean(measured, s => s.ServerCpuPercent), Percentile(measured, s => s.ServerCpuPercent, 95), CpuPerEvent(measured, m.EventToUpdate.SortedSince(from).Length),
            Mean(measured, s => s.ClientCpuPercent), Mean(measured, s => s.OtherCpuPercent),
            Mean(measured, s => s.LoadAverage), Max(measured, s => s.LoadAverage), targets, samples);
    }

    // The reading that covers time `at` (the first one taken at or after it) saw the other processes nearly idle.
    private static bool Quiet(IReadOnlyList<ResourceSample> samples, double at) =>
        samples.FirstOrDefault(s => s.At >= at) is { OtherCpuPercent: { } other } && other < QuietOtherCpuPercent;

    // Server CPU time over the measured period per input event answered in it: what one slider step costs the server.
    private static double? CpuPerEvent(List<ResourceSample> measured, int events) =>
        events > 0 && measured.Count > 1 && Mean(measured, s => s.ServerCpuPercent) is { } percent
            ? percent / 100 * (measured[^1].At - measured[0].At) * 1000 / events : null;

    // Growth over the last half of the measured period: the mean RSS of its last tenth against the mean of its first tenth.
    private static double? Growth(List<ResourceSample> rss)
    {
        if (rss.Count < 20) return null;
        var half = rss.Skip(rss.Count / 2).ToList();
        int tenth = Math.Max(1, half.Count / 10);
        double start = half.Take(tenth).Average(s => s.ServerRssMiB!.Value), end = half.TakeLast(tenth).Average(s => s.ServerRssMiB!.Value);
        return 100 * (end - start) / start;
    }

    private static double? Mean(IEnumerable<ResourceSample> s, Func<ResourceSample, double?> f) =>
        s.Select(f).OfType<double>().DefaultIfEmpty(double.NaN).Average() is var v && double.IsNaN(v) ? null : v;

    private static double? Max(IEnumerable<ResourceSample> s, Func<ResourceSample, double?> f) =>
        s.Select(f).OfType<double>().DefaultIfEmpty(double.NaN).Max() is var v && double.IsNaN(v) ? null : v;

    private static double? Percentile(IEnumerable<ResourceSample> s, Func<ResourceSample, double?> f, double p)
    {
        var sorted = s.Select(f).OfType<double>().Order().ToArray();
        return Measurement.Samples.Percentile(sorted, p);
    }

    public string ToText()
    {
        var t = new StringBuilder();
        void Line(string text) => t.AppendLine(text);
        string Ms(Distribution d) => d.Count == 0 ? "no samples" : string.Create(CultureInfo.InvariantCulture, $"p50 {d.P50:0} ms, p95 {d.P95:0} ms, p99 {d.P99:0} ms, max {d.Max:0} ms (n = {d.Count})");
        string Opt(double? v, string format, string unit) => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) + unit : "n/a";
        Line($"RobustLab load test{(Label is null ? "" : $" — {Label}")}, {Finished:yyyy-MM-dd HH:mm} UTC");
        Line($"{Users} users ({Users - Sweepers} on the Lab dragging sliders, {Sweepers} running sweeps on Trade-offs), {Minutes:0.#} min, first {WarmupSeconds:0} s left out, seed {Seed}");
        if (ServerEnvironment.Count > 0) Line("server settings: " + string.Join(" ", ServerEnvironment.Select(kv => $"{kv.Key}={kv.Value}")));
        Line("");
        Line($"slider → update (last event of a drag → its result shown): {Ms(SliderToUpdateMs)}");
        Line($"  …while other processes used < {QuietOtherCpuPercent:0} % CPU:                {Ms(SliderToUpdateQuietMs)}");
        Line($"every input event → first result at or past it:             {Ms(EventToUpdateMs)}");
        Line($"server compute per result shown (attack + images):         {Ms(ServerComputeMs)}");
        Line($"page open → first interactive result:                      {Ms(PageReadyMs)}");
        Line($"sweeps: {SweepsCompleted} completed, queue wait {Ms(QueueWaitMs)}; run time p50 {Opt(SweepSeconds.P50, "0.0", " s")}, max {Opt(SweepSeconds.Max, "0.0", " s")}; \"busy\" answers: {BusyAnswers}");
        Line($"activity: {Drags} drags, {Events} input events, {Updates} updates shown, {CircuitsOpened} circuits opened");
        Line($"errors: {Errors} (rate {ErrorRate:P3} of events + circuits){(ErrorKinds.Count == 0 ? "" : ":")}");
        foreach (var (kind, n) in ErrorKinds.OrderByDescending(e => e.Value)) Line($"  {n} × {kind}");
        Line($"server memory: idle {Opt(ServerIdleMiB, "0", " MiB")}, mean {Opt(ServerMeanMiB, "0", " MiB")}, peak {Opt(ServerPeakMiB, "0", " MiB")}, " +
             $"per circuit {Opt(MemoryPerCircuitMiB, "0.00", " MiB")}, growth over the last half {Opt(MemoryGrowthLastHalfPercent, "+0.0;-0.0", " %")}");
        Line($"CPU (100 % = one core): server mean {Opt(ServerCpuMeanPercent, "0", " %")}, p95 {Opt(ServerCpuP95Percent, "0", " %")}, {Opt(ServerCpuMsPerEvent, "0.0", " ms")} per input event; load generator mean {Opt(ClientCpuMeanPercent, "0", " %")}; " +
             $"other processes (not this test) mean {Opt(OtherCpuMeanPercent, "0", " %")}; " +
             $"load average mean {Opt(LoadAverageMean, "0.00", "")}, max {Opt(LoadAverageMax, "0.00", "")} on {Environment.ProcessorCount} cores");
        Line("");
        foreach (var target in Targets) Line($"[{(target.Met ? "met" : "MISSED")}] {target.Name}: {target.Value}");
        return t.ToString();
    }

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
}

/// <summary>One target of the issue and whether the run met it.</summary>
internal sealed record Target(string Name, bool Met, string Value);
