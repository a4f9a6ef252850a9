using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Plotly.Blazor;
using PlotlyLayout = Plotly.Blazor.Layout;

namespace RobustLab.Web.Components.Plots;

/// <summary>
/// The lab's one chart: shows a <see cref="PlotFigure"/> with Plotly.Blazor, streams points appended from any thread,
/// and downloads itself as PNG or SVG. The rest of the app passes it figures and points, never plotly objects.
/// </summary>
/// <remarks>
/// Streaming follows the Aspire dashboard: <see cref="AppendPointsAsync"/> only buffers; a flush at most every
/// <see cref="FlushInterval"/> sends everything buffered as Plotly.Blazor <c>ExtendTraces</c> calls of at most
/// <see cref="MaxPointsPerMessage"/> points (well under the 32 KB of a circuit message), so a training loop can append
/// after every batch without flooding the circuit — and plotly redraws once per flush, not once per point, which is
/// what makes one-point extends slow. Browser calls go out in the order they were asked for and wait (queued) until
/// Plotly.Blazor has created the plot. The browser reads the data back from the graph div (<c>.js-plotly-plot</c>,
/// <c>element.data[i].x</c>), which end-to-end tests use.
/// </remarks>
public sealed partial class PlotlyChart : ComponentBase, IAsyncDisposable
{
    /// <summary>Points per ExtendTraces call: two numbers of up to ~24 characters each, so below ~25 KB.</summary>
    public const int MaxPointsPerMessage = 500;

    /// <summary>Numbers a figure may carry whole before a warning: beyond this, stream long series with <see cref="AppendPointsAsync"/>.</summary>
    public const int MaxInlineNumbers = 4000;

    private readonly Lock _lock = new();
    private readonly PlotPointBuffer _buffer = new();
    private readonly List<Func<Plotly.Blazor.PlotlyChart, Task>> _outbox = []; // browser calls not yet made, in order
    private readonly SemaphoreSlim _send = new(1, 1); // one sender at a time keeps that order
    private readonly CancellationTokenSource _disposed = new();
    private static readonly System.Reflection.PropertyInfo[] LayoutProperties =
        [.. typeof(PlotlyLayout).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance).Where(p => p is { CanRead: true, CanWrite: true })];
    private readonly string _fallbackId = $"plotly-{Guid.NewGuid():N}";
    private Plotly.Blazor.PlotlyChart? _plot;
    private readonly List<ITrace> _data = [];
    private readonly PlotlyLayout _layout = new();
    private Config _config = PlotConfig.For("robustlab-plot");
    private PlotFigure? _lastParameter;
    private string? _configuredExportName;
    private bool _rendered, _created, _replacedBeforeCreated;
    private int _flushScheduled;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<PlotlyChart> Logger { get; set; } = default!;

    /// <summary>The figure to show; passing a different instance replaces the chart's data and layout (Plotly.react).</summary>
    [Parameter, EditorRequired]
    public PlotFigure Figure { get; set; } = PlotFigure.Empty;

    /// <summary>File name (without extension) of PNG/SVG downloads.</summary>
    [Parameter]
    public string ExportName { get; set; } = "robustlab-plot";

    /// <summary>Keep only the last this many points of each trace when appending (null: keep all).</summary>
    [Parameter]
    public int? MaxPoints { get; set; }

    /// <summary>Least time between two flushes of appended points (default 200 ms: at most five browser calls a second).</summary>
    [Parameter]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Attributes for the outer element (id, class, style; "--plot-height: 500px" in the style sets the height).</summary>
    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? Attributes { get; set; }

    // The graph div's id (Plotly.Blazor finds its div by id): "{id}-plotly" beside the caller's id, else a unique one.
    private string PlotId => Attributes?.TryGetValue("id", out var id) == true && id is string { Length: > 0 } s ? $"{s}-plotly" : _fallbackId;

    // The download buttons: "{id}-png" and "{id}-svg" beside the caller's id.
    private string? ButtonId(string format) => Attributes?.TryGetValue("id", out var id) == true && id is string { Length: > 0 } s ? $"{s}-{format}" : null;

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
                var (x, y) = Arrays(extension);
                var indices = extension.Indices.ToArray();
                int? max = extension.MaxPoints;
                _outbox.Add(plot => plot.ExtendTraces(x, y, indices, max, _disposed.Token));
            }
        }
        return PumpAsync();
    }

    /// <summary>The x and y arrays of an ExtendTraces call: one array per trace in <see cref="PlotExtension.Indices"/>,
    /// non-finite values as null (a gap).</summary>
    public static (object?[][] X, object?[][] Y) Arrays(PlotExtension extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        return ([.. extension.X.Select(xs => PlotlyFigure.Values(xs).ToArray())], [.. extension.Y.Select(ys => PlotlyFigure.Values(ys).ToArray())]);
    }

    /// <summary>Replaces the data and layout (Plotly.react); points appended before this call and not yet sent are dropped.</summary>
    /// <remarks>Unlike a new <see cref="Figure"/> parameter, this does not change the parameter: the parent keeps passing its own.
    /// Call it on the renderer's context (from <c>InvokeAsync</c>): Plotly.Blazor's chart reads the data there too.</remarks>
    public Task ReactAsync(PlotFigure figure)
    {
        Replace(figure);
        return PumpAsync();
    }

    /// <summary>Downloads the chart as an image file, "png" (at twice its size on screen) or "svg".</summary>
    /// <remarks>
    /// NOTE: Plotly.Blazor's DownloadImage knows only raster formats (no SVG) and needs a size in pixels, which the server
    /// does not know; so this calls plotly.js's own <c>Plotly.downloadImage</c> — the global that Plotly.Blazor loaded —
    /// which draws the chart at its size on screen, the same as the modebar's camera does.
    /// </remarks>
    public Task DownloadImageAsync(string format)
    {
        if (format is not ("png" or "svg")) throw new ArgumentException($"Images are PNG or SVG; got '{format}'.", nameof(format));
        string id = PlotId, name = ExportName;
        lock (_lock)
            _outbox.Add(_ => JS.InvokeAsync<string>("Plotly.downloadImage", _disposed.Token, id,
                new { format, filename = name, scale = format == "png" ? PlotConfig.PngScale : 1 }).AsTask());
        return PumpAsync();
    }

    protected override void OnParametersSet()
    {
        if (_configuredExportName != ExportName)
        {
            _configuredExportName = ExportName;
            _config = PlotConfig.For(ExportName);
        }
        if (ReferenceEquals(Figure, _lastParameter)) return;
        _lastParameter = Figure;
        Replace(Figure);
    }

    protected override void OnAfterRender(bool firstRender) => _rendered = true;

    // A new figure replaces everything not yet sent: earlier calls and buffered points belonged to the old one.
    private void Replace(PlotFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        int numbers = figure.Traces.Sum(t => t switch { ScatterTrace s => s.X.Count + s.Y.Count, HeatmapTrace h => h.Z.Sum(r => r.Count), _ => 0 });
        if (numbers > MaxInlineNumbers)
            Logger.LogWarning("A figure of {Numbers:N0} numbers is sent whole; stream long series with AppendPointsAsync.", numbers);
        var (data, layout) = (PlotlyFigure.Traces(figure), PlotlyFigure.Layout(figure));
        lock (_lock)
        {
            _buffer.Clear();
            _outbox.Clear();
            // NOTE: in place: Plotly.Blazor's chart holds these very objects (its Data and Layout parameters) and sends
            // what they hold when it reacts; new instances would reach it only with a render of this component, which
            // the circuit may defer past the React call below.
            _data.Clear();
            _data.AddRange(data);
            foreach (var property in LayoutProperties) property.SetValue(_layout, property.GetValue(layout));
            if (_created) _outbox.Add(plot => plot.React(_disposed.Token));
            else if (_rendered) _replacedBeforeCreated = true; // before the first render, the newPlot will carry it
        }
    }

    // Plotly.Blazor calls this once it has sent its first Plotly.newPlot. That drew the figure of the first render; a figure
    // replaced while the plot was being created is drawn again, in case the newPlot went out with the earlier one.
    private void OnPlotCreated()
    {
        lock (_lock)
        {
            _created = true;
            if (_replacedBeforeCreated) _outbox.Insert(0, plot => plot.React(_disposed.Token));
        }
        _ = PumpAsync();
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

    // Makes the queued browser calls in order on the renderer's context; before the plot is created (or after the
    // circuit is gone) it leaves them queued.
    private async Task PumpAsync()
    {
        if (!_created || _plot is not { } plot || _disposed.IsCancellationRequested) return;
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
                Func<Plotly.Blazor.PlotlyChart, Task> next;
                lock (_lock)
                {
                    if (_outbox.Count == 0) break;
                    next = _outbox[0];
                    _outbox.RemoveAt(0);
                }
                await InvokeAsync(() => next(plot));
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; nothing to draw on.
        }
        catch (OperationCanceledException)
        {
            // Disposed while a call was on its way.
        }
        catch (JSException e)
        {
            Logger.LogError(e, "A plot update failed in the browser.");
        }
        catch (ArgumentException e)
        {
            // Points for a trace the figure does not have (Plotly.Blazor checks before it calls the browser).
            Logger.LogError(e, "A plot update was refused.");
        }
        finally
        {
            _send.Release();
        }
    }

    // Plotly.Blazor's chart is a child component: Blazor disposes it (and it purges the plot) after this.
    public ValueTask DisposeAsync()
    {
        _disposed.Cancel();
        return ValueTask.CompletedTask;
    }
}
