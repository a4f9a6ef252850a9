using Microsoft.AspNetCore.Components;
using RobustLab.Web.Components.Plots;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Web.Components.Tradeoffs;

// Pushes the session's points to the chart as they stream in. When the series change (a run starts, is restarted or
// the plot is cleared) the figure is replaced with everything so far; otherwise new points extend their curves
// (Plotly.extendTraces, coalesced by the chart). A transfer matrix is small and is redrawn whole on every new cell.
public sealed partial class SweepPlot : IDisposable
{
    private PlotlyChart? _chart;
    private PlotFigure _figure = PlotFigure.Empty;
    private IReadOnlyList<SweepFigures.Curve> _curves = [];
    private int[] _sent = []; // points sent, per series
    private int _structure = -1;
    private bool _matrix;

    [Parameter, EditorRequired]
    public SweepSession Session { get; set; } = default!;

    protected override void OnInitialized()
    {
        var view = Session.View();
        (_figure, _matrix) = (Figure(view), view.IsMatrix);
        Remember(view);
        Session.Changed += OnChanged;
    }

    private void OnChanged() => _ = InvokeAsync(PushAsync);

    // Runs on the renderer's context; everything before the awaits happens at once, so two pushes never send the same points.
    private async Task PushAsync()
    {
        if (_chart is null) return;
        var view = Session.View();
        if (view.Structure != _structure || (view.IsMatrix && view.PointCount != _sent.Sum()))
        {
            bool kindChanged = view.IsMatrix != _matrix;
            Remember(view);
            _matrix = view.IsMatrix;
            if (kindChanged) StateHasChanged(); // the data-kind attribute
            await _chart.ReactAsync(Figure(view));
            return;
        }
        var sent = new List<Task>();
        for (int c = 0; c < _curves.Count; c++)
        {
            var (series, measure) = (_curves[c].Series, _curves[c].Measure);
            var points = view.Series[series].Points.Skip(_sent[series]).ToArray();
            if (points.Length == 0) continue;
            sent.Add(_chart.AppendPointsAsync(c, [.. points.Select(p => p.Value ?? double.NaN)], [.. points.Select(p => SweepFigures.Y(measure, p))]));
        }
        for (int s = 0; s < view.Series.Count; s++) _sent[s] = view.Series[s].Points.Count;
        if (Session.Job?.Status.IsFinished == true) sent.Add(_chart.FlushAsync()); // the last points, without waiting for the tick
        await Task.WhenAll(sent);
    }

    private void Remember(PlotView view)
    {
        _structure = view.Structure;
        _curves = SweepFigures.Curves(view);
        _sent = [.. view.Series.Select(s => s.Points.Count)];
    }

    private static PlotFigure Figure(PlotView view) => view.IsMatrix ? SweepFigures.Matrix(view) : SweepFigures.Lines(view);

    public void Dispose() => Session.Changed -= OnChanged;
}
