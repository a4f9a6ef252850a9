using System.Diagnostics;
using RobustLab.Load.Blazor;

namespace RobustLab.Load.Users;

/// <summary>
/// A student on the Trade-offs page running small sweeps (the page's default: FGSM, ε from 0 to 0.3, on the first 200
/// test images): press Run, wait in the job queue, watch the points arrive, look for a while, run again. When the
/// queue is full the page answers "busy, try again": that is counted (it is the intended answer, not an error) and
/// the user tries again later.
/// </summary>
internal sealed class SweepUser(UserContext user) : SimulatedUser(user)
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromMinutes(2), AnswerLimit = TimeSpan.FromSeconds(30), SweepLimit = TimeSpan.FromMinutes(15);

    protected override string Page => "/tradeoffs";

    protected override async Task UseAsync(BlazorCircuit circuit, long opened)
    {
        await circuit.WaitForAsync(d => RunButton(d) is not null && d.ElementById("sweep-status") is not null, ReadyLimit, "the Trade-offs page", User.Stop);
        User.Metrics.PageReady.Add(User.Metrics.Now, Stopwatch.GetElapsedTime(opened).TotalMilliseconds);
        // Not all at once: a class does not press Run in the same second.
        if (!await User.PauseAsync(User.Uniform(1, 10))) return;
        while (!User.Stop.IsCancellationRequested)
        {
            bool ran = await SweepAsync(circuit);
            if (!await User.PauseAsync(ran ? User.Uniform(5, 15) : User.Uniform(10, 20))) break;
            ThrowIfClosed(circuit);
        }
    }

    // One press of Run; false when the lab answered busy.
    private async Task<bool> SweepAsync(BlazorCircuit circuit)
    {
        await circuit.WaitForAsync(d => RunButton(d) is { } b && !b.Attributes.ContainsKey("disabled"), AnswerLimit, "Run enabled", User.Stop);
        var run = circuit.Read(d => RunButton(d)!.Handlers["onclick"]);
        long before = circuit.Batches, pressed = Stopwatch.GetTimestamp();
        await circuit.DispatchEventAsync(run, "click", new { type = "click", detail = 1, button = 0, buttons = 0 }, null, User.Stop);

        // The answer, in the first render after the click: the new job queued or running, or the reason it was refused
        // (a run accepted clears the page's errors; the previous run's "Completed" is replaced by the new job's state).
        await circuit.WaitForAsync(d => circuit.Batches > before && (Accepted(d) || Refusal(d) is not null), AnswerLimit, "the answer to Run", User.Stop);
        if (!circuit.Read(Accepted) && circuit.Read(Refusal) is { } refusal)
        {
            if (refusal.Contains("busy", StringComparison.OrdinalIgnoreCase)) User.Metrics.BusyAnswer();
            else User.Metrics.Error("Run refused: " + refusal);
            return false;
        }
        await circuit.WaitForAsync(d => State(d) is "Running" or "Completed" or "Failed" or "Cancelled", SweepLimit, "the sweep to start", User.Stop);
        long started = Stopwatch.GetTimestamp();
        User.Metrics.QueueWait.Add(User.Metrics.Now, Stopwatch.GetElapsedTime(pressed, started).TotalMilliseconds);
        await circuit.WaitForAsync(d => State(d) is "Completed" or "Failed" or "Cancelled", SweepLimit, "the sweep to end", User.Stop);
        string end = circuit.Read(State)!;
        if (end != "Completed") User.Metrics.Error($"sweep ended {end}");
        else
        {
            User.Metrics.SweepCompleted();
            User.Metrics.SweepSeconds.Add(User.Metrics.Now, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        return true;
    }

    private static bool Accepted(BrowserDom dom) => State(dom) is "Queued" or "Running";

    private static DomElement? RunButton(BrowserDom dom) =>
        dom.ElementById("run-button") is { } b && b.Handlers.ContainsKey("onclick") ? b : null;

    // The job-status view's data-state: None, Queued, Running, Completed, Cancelled, Failed.
    private static string? State(BrowserDom dom) =>
        dom.ElementById("sweep-status") is { } status ? BrowserDom.Find(status, e => e.Attributes.ContainsKey("data-state"))?.Attribute("data-state") : null;

    private static string? Refusal(BrowserDom dom)
    {
        var page = dom.ElementById("run-button");
        DomContainer? root = page;
        while (root?.Parent is { } parent) root = parent;
        return root is null ? null : BrowserDom.Find(root, e => e.Attribute("class")?.Contains("sweep-errors", StringComparison.Ordinal) == true)?.TextContent().Trim();
    }
}
