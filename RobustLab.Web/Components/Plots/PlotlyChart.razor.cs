using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace RobustLab.Web.Components.Plots;

/// <summary>
/// A plotly.js chart: shows <see cref="Figure"/>, streams points appended from any thread, exports PNG/SVG
/// from its toolbar, and follows its container's size.
/// </summary>
/// <remarks>
/// Streaming follows the Aspire dashboard: <see cref="AppendPointsAsync"/> only buffers; a flush at most
/// every <see cref="FlushInterval"/> sends everything buffered as one Plotly.extendTraces call (split so
/// that no message exceeds <see cref="MaxPointsPerMessage"/> points, well under 32 KB), so a training
/// loop can append after every batch without flooding the circuit. Browser calls go out in the order they
/// were asked for, and wait (buffered) until the chart exists. The browser reads the data back from
/// the inner <c>.plotly-chart-plot</c> element (<c>element.data[i].x</c>), which end-to-end tests use.
/// </remarks>
public sealed partial class PlotlyChart : ComponentBase, IAsyncDisposable
{
    /// <summary>Points per extendTraces message: two numbers of up to ~24 characters each, so below ~25 KB.</summary>
    public const int MaxPointsPerMessage = 500;

    private const string ModulePath = "./Components/Plots/PlotlyChart.razor.js";
    private const string PlotlyPath = "lib/plotly/plotly.min.js";
    private const int LargeMessage = 32 * 1024;

    private readonly Lock _lock = new();
    private readonly PlotPointBuffer _buffer = new();
    private readonly List<Func<IJSObjectReference, Task>> _outbox = []; // browser calls not yet made, in order
    private readonly SemaphoreSlim _send = new(1, 1); // one sender at a time keeps that order
    private readonly CancellationTokenSource _disposed = new();
    private ElementReference _plot;
    private IJSObjectReference? _module;
    private PlotFigure? _lastParameter;
    private int _flushScheduled;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<PlotlyChart> Logger { get; set; } = default!;

    /// <summary>The figure to show; passing a different instance replaces the chart's data and layout (Plotly.react).</summary>
    [Parameter, EditorRequired]
    public PlotFigure Figure { get; set; } = PlotFigure.Empty;

    /// <summary>File name (without extension) of PNG/SVG downloads from the toolbar.</summary>
    [Parameter]
    public string ExportName { get; set; } = "robustlab-plot";

    /// <summary>Keep only the last this many points of each trace when appending (null: keep all).</summary>
    [Parameter]
    public int? MaxPoints { get; set; }

    /// <summary>Least time between two flushes of appended points (default 200 ms: at most five browser calls a second).</summary>
    [Parameter]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Attributes for the outer element (id, class, style).</summary>
    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? Attributes { get; set; }

    /// <summary>Queues points (xs[i], ys[i]) for trace <paramref name="traceIndex"/> of the figure shown; any thread may call.</summary>
    /// <returns>A completed task: the points reach the browser with the next flush (see <see cref="FlushAsync"/>).</returns>
    public Task AppendPointsAsync(int traceIndex, IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        _buffer.Add(traceIndex, xs, ys);
        if (Interlocked.Exchange(ref _flushScheduled, 1) == 0) _ = FlushLaterAsync();
        return Task.CompletedTask;
    }

    /// <summary>Sends the buffered points now (e.g. when a run ends).</summary>
    public Task FlushAsync()
    {
        lock (_lock)
        {
            Interlocked.Exchange(ref _flushScheduled, 0);
            foreach (var extension in _buffer.Take(MaxPointsPerMessage, MaxPoints))
            {
                var json = PlotJson.Serialize(extension);
                _outbox.Add(module => module.InvokeVoidAsync("extend", _plot, json).AsTask());
            }
        }
        return PumpAsync();
    }

    /// <summary>Replaces the data and layout (Plotly.react); points appended before this call and not yet sent are dropped.</summary>
    /// <remarks>Unlike a new <see cref="Figure"/> parameter, this does not change the parameter: the parent keeps passing its own.</remarks>
    public Task ReactAsync(PlotFigure figure)
    {
        Replace(figure);
        return PumpAsync();
    }

    /// <summary>Downloads the chart as an image file, "png" or "svg" (Plotly.downloadImage, as the toolbar's buttons do).</summary>
    public Task DownloadImageAsync(string format)
    {
        if (format is not ("png" or "svg")) throw new ArgumentException($"Images are PNG or SVG; got '{format}'.", nameof(format));
        lock (_lock) _outbox.Add(module => module.InvokeVoidAsync("download", _plot, format, ExportName).AsTask());
        return PumpAsync();
    }

    /// <summary>Changes layout attributes by path (Plotly.relayout), e.g. {"xaxis.range": [0, 10], "title.text": "…"}.</summary>
    public Task RelayoutAsync(IReadOnlyDictionary<string, object?> update)
    {
        var json = PlotJson.Serialize(update);
        lock (_lock) _outbox.Add(module => module.InvokeVoidAsync("relayout", _plot, json).AsTask());
        return PumpAsync();
    }

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(Figure, _lastParameter)) return;
        _lastParameter = Figure;
        Replace(Figure); // sent after this render (the element exists then)
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            var module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            try
            {
                await module.InvokeVoidAsync("init", _plot, Assets[PlotlyPath], ExportName);
            }
            catch (JSDisconnectedException)
            {
                return;
            }
            catch (JSException e)
            {
                // A chart that cannot load stays empty; the page around it keeps working.
                Logger.LogError(e, "The plot could not be initialised.");
                return;
            }
            _module = module;
        }
        await PumpAsync();
    }

    // A new figure replaces everything not yet sent: earlier calls and buffered points belonged to the old one.
    private void Replace(PlotFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var json = PlotJson.Serialize(figure);
        if (json.Length > LargeMessage)
            Logger.LogWarning("A {Length:N0}-character figure is sent whole; stream long series with AppendPointsAsync.", json.Length);
        lock (_lock)
        {
            _buffer.Clear();
            _outbox.Clear();
            _outbox.Add(module => module.InvokeVoidAsync("react", _plot, json).AsTask());
        }
    }

    private async Task FlushLaterAsync()
    {
        try
        {
            await Task.Delay(FlushInterval, _disposed.Token);
            await FlushAsync();
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    // Makes the queued browser calls in order on the renderer's context; before the chart is initialised (or
    // after the circuit is gone) it leaves them queued.
    private async Task PumpAsync()
    {
        if (_module is not { } module || _disposed.IsCancellationRequested) return;
        try
        {
            await _send.WaitAsync(_disposed.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        try
        {
            while (!_disposed.IsCancellationRequested)
            {
                Func<IJSObjectReference, Task> next;
                lock (_lock)
                {
                    if (_outbox.Count == 0) break;
                    next = _outbox[0];
                    _outbox.RemoveAt(0);
                }
                await InvokeAsync(() => next(module));
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; nothing to draw on.
        }
        catch (JSException e)
        {
            Logger.LogError(e, "A plot update failed in the browser.");
        }
        finally
        {
            _send.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed.Cancel();
        if (_module is null) return;
        try
        {
            await _module.InvokeVoidAsync("dispose", _plot);
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the chart with it.
        }
    }
}
