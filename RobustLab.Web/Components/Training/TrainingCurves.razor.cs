using Microsoft.AspNetCore.Components;
using RobustLab.Web.Components.Plots;
using RobustLab.Web.Services.Training;

namespace RobustLab.Web.Components.Training;

// Streams the session's curve points into the chart: whatever is new since the last push, on every change
// (the chart coalesces appends into a few browser calls a second). A new run starts the plot afresh.
public sealed partial class TrainingCurves : IDisposable
{
    private PlotlyChart? _chart;
    private PlotFigure _figure = Empty();
    private int _run, _points, _epochs;

    [Parameter, EditorRequired]
    public TrainingSession Session { get; set; } = default!;

    protected override void OnInitialized()
    {
        _run = Session.Run;
        Session.Changed += OnChanged;
    }

    protected override Task OnAfterRenderAsync(bool firstRender) => firstRender ? PushAsync() : Task.CompletedTask;

    private void OnChanged() => _ = InvokeAsync(PushAsync);

    // Everything up to the awaits runs at once (no await in between), so two pushes never send the same points.
    private async Task PushAsync()
    {
        if (_chart is null) return;
        var sent = new List<Task>();
        if (Session.Run != _run)
        {
            (_run, _points, _epochs) = (Session.Run, 0, 0);
            sent.Add(_chart.ReactAsync(Empty())); // replaces the figure before the appends below
        }
        var (points, epochs) = Session.Since(_points, _epochs);
        _points += points.Count;
        _epochs += epochs.Count;
        if (points.Count > 0)
        {
            double[] x = [.. points.Select(p => p.Epoch)];
            sent.Add(_chart.AppendPointsAsync(0, x, [.. points.Select(p => p.Loss)]));
            sent.Add(_chart.AppendPointsAsync(1, x, [.. points.Select(p => p.Accuracy)]));
        }
        var tested = epochs.Where(e => e.TestAccuracy is not null).ToArray();
        if (tested.Length > 0)
            sent.Add(_chart.AppendPointsAsync(2, [.. tested.Select(e => (double)e.Epoch)], [.. tested.Select(e => e.TestAccuracy!.Value)]));
        if (Session.Job?.Status.IsFinished == true) sent.Add(_chart.FlushAsync()); // the last points, without waiting for the tick
        await Task.WhenAll(sent);
    }

    private static PlotFigure Empty() => new(
    [
        new ScatterTrace { Name = "training loss", Mode = "lines", Line = new PlotLine("#1f77b4", 2) },
        new ScatterTrace { Name = "training accuracy", Mode = "lines", YAxis = "y2", Line = new PlotLine("#ff7f0e", 2) },
        new ScatterTrace { Name = "test accuracy (end of epoch)", Mode = "lines+markers", YAxis = "y2", Line = new PlotLine("#2ca02c", 2, "dot"), Marker = new PlotMarker("#2ca02c", 9) },
    ],
    new PlotLayout
    {
        Title = new PlotTitle("Training curves"),
        XAxis = PlotAxis.Titled("epoch") with { RangeMode = "tozero" },
        YAxis = PlotAxis.Titled("cross-entropy loss") with { RangeMode = "tozero" },
        // NOTE: tick mode "auto": plotly 4 syncs a second axis's ticks with the first's grid, which puts accuracy ticks at 41 %, 61 %, …
        YAxis2 = PlotAxis.Secondary("accuracy") with { Range = [0, 1], TickFormat = ".0%", TickMode = "auto" },
        Legend = new PlotLegend("h", 0, -0.3),
        Margin = new PlotMargin(L: 60, R: 60, T: 50, B: 90),
        HoverMode = "x unified",
        UiRevision = "training",
    });

    public void Dispose() => Session.Changed -= OnChanged;
}
