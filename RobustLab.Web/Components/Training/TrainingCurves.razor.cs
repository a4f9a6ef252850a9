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

    private static PlotFigure Empty() => TrainingFigures.Empty();

    public void Dispose() => Session.Changed -= OnChanged;
}
