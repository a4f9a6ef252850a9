using System.Diagnostics;
using RobustLab.Load.Blazor;

namespace RobustLab.Load.Users;

/// <summary>
/// A student on the Lab page: opens it, sometimes turns JumpReLU on, then drags the ε (or κ) slider — a burst of input
/// events every ~50 ms for ~0.5 s — looks at the result for a few seconds, and drags again.
/// </summary>
/// <remarks>
/// Latency is timed on the client: from sending an input event to the render batch in which #lab-views shows a result
/// for that value (data-epsilon / data-activation). Values a drag passes over may be coalesced by the server (only
/// the newest is computed); such an event counts as updated by the first result that shows a later value of its drag.
/// </remarks>
internal sealed class LabUser(UserContext user, double jumpReLUShare) : SimulatedUser(user)
{
    private static readonly TimeSpan FirstResultLimit = TimeSpan.FromMinutes(2), UpdateLimit = TimeSpan.FromSeconds(30);
    private const double EventIntervalMs = 50;

    private readonly Lock _lock = new();
    private readonly List<(double Value, long Sent, bool Last)> _pending = [];
    private LabSlider _dragging = LabSlider.Epsilon;
    private TaskCompletionSource _settled = new();
    private string? _lastVersion;

    protected override string Page => "/lab";

    protected override async Task UseAsync(BlazorCircuit circuit, long opened)
    {
        await circuit.WaitForAsync(d => Views(d)?.Attribute("data-version") is not (null or "0"), FirstResultLimit, "the Lab's first result", User.Stop);
        User.Metrics.PageReady.Add(User.Metrics.Now, Stopwatch.GetElapsedTime(opened).TotalMilliseconds);
        circuit.BatchApplied = OnBatch;

        var values = new Dictionary<LabSlider, double> { [LabSlider.Epsilon] = LabSlider.Epsilon.Shown(circuit.Read(Views)!) ?? 0.3 };
        if (User.Random.NextDouble() < jumpReLUShare)
        {
            await SwitchToJumpReLUAsync(circuit);
            values[LabSlider.Kappa] = LabSlider.Kappa.Shown(circuit.Read(Views)!) ?? 1;
        }
        var sliders = values.Keys.ToArray();
        while (!User.Stop.IsCancellationRequested)
        {
            var slider = sliders[User.Random.Next(sliders.Length)];
            values[slider] = await DragAsync(circuit, slider, values[slider]);
            if (!await User.PauseAsync(User.Uniform(2, 6))) break;
            ThrowIfClosed(circuit);
        }
    }

    // One drag: ~10 input events, then wait for the result of the value let go at.
    private async Task<double> DragAsync(BlazorCircuit circuit, LabSlider slider, double from)
    {
        double to;
        do to = SliderDrag.Snap(User.Uniform(slider.Min, slider.Max), slider.Step);
        while (Math.Abs(to - from) < 5 * slider.Step);
        var values = SliderDrag.Values(from, to, (int)Math.Round(User.Uniform(300, 800) / EventIntervalMs), slider.Step);
        TaskCompletionSource settled;
        lock (_lock)
        {
            _dragging = slider;
            _pending.Clear();
            _settled = settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        User.Metrics.Drag();
        for (int i = 0; i < values.Count; i++)
        {
            var handler = circuit.Read(d => d.ElementById(slider.RangeId)?.Handlers.GetValueOrDefault("oninput"))
                ?? throw new CircuitException($"the {slider.Name} slider has no input handler");
            string text = LabSlider.Format(values[i]);
            lock (_lock) _pending.Add((values[i], Stopwatch.GetTimestamp(), i == values.Count - 1));
            await circuit.DispatchEventAsync(handler, "input", new { value = text }, text, User.Stop);
            User.Metrics.Event();
            if (i < values.Count - 1) await Task.Delay(TimeSpan.FromMilliseconds(User.Uniform(EventIntervalMs - 10, EventIntervalMs + 10)), User.Stop);
        }
        try
        {
            await settled.Task.WaitAsync(UpdateLimit, User.Stop);
        }
        catch (TimeoutException)
        {
            User.Metrics.Error($"no update within {UpdateLimit.TotalSeconds:0} s of a slider move");
        }
        return to;
    }

    // Under the circuit's DOM lock, on its receive loop: which pending events does the result now shown answer?
    private void OnBatch(BrowserDom dom, long arrived)
    {
        var views = Views(dom);
        if (views is null) return;
        string? version = views.Attribute("data-version");
        if (version == _lastVersion) return;
        _lastVersion = version;
        User.Metrics.Update();
        // "computed in <b id=compute-ms>12.3 ms</b> on the server": how much of the latency was the computation itself.
        if (dom.ElementById("compute-ms")?.TextContent() is { } computed && computed.EndsWith(" ms", StringComparison.Ordinal)
            && double.TryParse(computed[..^3], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var computeMs))
            User.Metrics.ServerCompute.Add(User.Metrics.Since(arrived), computeMs);
        lock (_lock)
        {
            if (_dragging.Shown(views) is not { } shown) return;
            int answered = _pending.FindLastIndex(p => _dragging.Same(p.Value, shown));
            if (answered < 0) return;
            double at = User.Metrics.Since(arrived);
            for (int i = 0; i <= answered; i++)
            {
                double ms = Stopwatch.GetElapsedTime(_pending[i].Sent, arrived).TotalMilliseconds;
                User.Metrics.EventToUpdate.Add(at, ms);
                if (_pending[i].Last)
                {
                    User.Metrics.SliderToUpdate.Add(at, ms);
                    _settled.TrySetResult();
                }
            }
            _pending.RemoveRange(0, answered + 1);
        }
    }

    // The "JumpReLU" button of the activation select bar; then wait until its κ slider and its first result are shown.
    private async Task SwitchToJumpReLUAsync(BlazorCircuit circuit)
    {
        var button = circuit.Read(d => d.ElementById("activation") is { } bar
            ? BrowserDom.Find(bar, e => e.Handlers.ContainsKey("onclick") && e.TextContent().Trim() == "JumpReLU")?.Handlers["onclick"]
            : null) ?? throw new CircuitException("the activation choice has no JumpReLU button");
        await circuit.DispatchEventAsync(button, "click", new { type = "click", detail = 1, button = 0, buttons = 0 }, null, User.Stop);
        await circuit.WaitForAsync(d => d.ElementById(LabSlider.Kappa.RangeId) is not null && Views(d) is { } v && LabSlider.Kappa.Shown(v) is not null,
            UpdateLimit, "the JumpReLU result", User.Stop);
    }

    private static DomElement? Views(BrowserDom dom) => dom.ElementById("lab-views");
}
