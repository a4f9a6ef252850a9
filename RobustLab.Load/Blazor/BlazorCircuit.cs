using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RobustLab.Load.SignalR;

namespace RobustLab.Load.Blazor;

/// <summary>
/// One browser tab on a Blazor Server page, speaking the protocol blazor.web.js speaks: fetch the prerendered page,
/// connect the "blazorpack" hub at /_blazor, StartCircuit, UpdateRootComponents with the page's server component
/// markers; then apply and acknowledge every render batch (OnRenderCompleted), answer the server's JS interop calls
/// (EndInvokeJSFromDotNet) and dispatch browser events through the renderer's interop object (DispatchEventAsync).
/// </summary>
/// <remarks>
/// The DOM model is touched on the connection's receive loop and by <see cref="Read{T}"/> under one lock.
/// <see cref="BatchApplied"/> runs under that lock right after a batch is applied, with the time it arrived.
/// </remarks>
internal sealed class BlazorCircuit : IAsyncDisposable
{
    private const string AttachRendererInterop = "Blazor._internal.attachWebRendererInterop";
    private const long JSObjectReferenceResult = 1;

    private readonly HubConnection _connection;
    private readonly BrowserDom _dom = new();
    private readonly Lock _lock = new();
    private readonly List<(Func<BrowserDom, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly TaskCompletionSource<long> _rendererInterop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentDictionary<string, long> _jsCalls = new();
    private long _nextCallId, _nextJSObjectId, _batches, _batchBytes;

    private BlazorCircuit(HubConnection connection)
    {
        _connection = connection;
        connection.InvocationReceived = OnInvocationAsync;
        _ = connection.Closed.ContinueWith(t =>
        {
            if (t.Result is { } reason) Error("connection closed: " + reason);
            FailWaiters(t.Result ?? "the connection closed");
        }, TaskScheduler.Default);
    }

    /// <summary>Runs under the DOM lock after each batch, with the <see cref="Stopwatch"/> timestamp of its arrival.</summary>
    public Action<BrowserDom, long>? BatchApplied { get; set; }

    /// <summary>Server errors seen by this tab (JS.Error, failed event dispatches, a dropped connection).</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    public long Batches => Interlocked.Read(ref _batches);

    public long BatchBytes => Interlocked.Read(ref _batchBytes);

    /// <summary>JS interop identifiers the server called, with counts (the report lists them).</summary>
    public IReadOnlyDictionary<string, long> JSCalls => _jsCalls;

    public Task<string?> Closed => _connection.Closed;

    /// <summary>Opens <paramref name="page"/> and starts its circuit; returns once the root components were sent.</summary>
    /// <exception cref="CircuitException">The page or the circuit was refused.</exception>
    public static async Task<BlazorCircuit> StartAsync(HttpClient http, CookieContainerAccess cookies, Uri page, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(page, cancellationToken);
        string html = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new CircuitException($"GET {page.AbsolutePath} answered {(int)response.StatusCode}");
        var markers = ServerComponentMarkers.Parse(html);
        if (markers.Components.Count == 0) throw new CircuitException($"GET {page.AbsolutePath}: the page has no interactive server components");

        var hub = new Uri(page, "/_blazor");
        var connection = await HubConnection.ConnectAsync(http, cookies, hub, "blazorpack", cancellationToken);
        var circuit = new BlazorCircuit(connection);
        try
        {
            var baseUri = new Uri(page, "/").ToString();
            var id = await connection.InvokeAsync("StartCircuit", [baseUri, page.ToString(), "[]", markers.ApplicationState], cancellationToken);
            if (id is not string) throw new CircuitException("StartCircuit was refused");
            await connection.SendAsync("UpdateRootComponents", [markers.AddOperations(1), markers.ApplicationState], cancellationToken);
            return circuit;
        }
        catch (HubException e)
        {
            await circuit.DisposeAsync();
            throw new CircuitException("the circuit did not start: " + e.Message);
        }
        catch
        {
            await circuit.DisposeAsync();
            throw;
        }
    }

    /// <summary>Queries the DOM model under its lock.</summary>
    public T Read<T>(Func<BrowserDom, T> query)
    {
        lock (_lock) return query(_dom);
    }

    /// <summary>Completes once <paramref name="condition"/> holds (checked now and after every batch).</summary>
    /// <exception cref="TimeoutException">It did not within <paramref name="timeout"/>.</exception>
    public async Task WaitForAsync(Func<BrowserDom, bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (condition(_dom)) return;
            if (_connection.Closed.IsCompleted) throw new CircuitException("the connection is closed");
            _waiters.Add((condition, done));
        }
        try
        {
            await done.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what}: not within {timeout.TotalSeconds:0} s");
        }
        finally
        {
            lock (_lock) _waiters.RemoveAll(w => w.Done == done);
        }
    }

    /// <summary>Dispatches a browser event to <paramref name="handler"/>, as EventDelegator does: descriptor + event args.</summary>
    /// <param name="fieldValue">For input elements: the element's value after the event (EventFieldInfo), so the server's tree keeps up.</param>
    public async Task DispatchEventAsync(EventHandlerRef handler, string eventName, object eventArgs, string? fieldValue, CancellationToken cancellationToken)
    {
        long interop = await _rendererInterop.Task.WaitAsync(cancellationToken);
        var descriptor = new JsonObject
        {
            ["eventHandlerId"] = handler.Id,
            ["eventName"] = eventName,
            ["eventFieldInfo"] = fieldValue is null ? null : new JsonObject { ["componentId"] = handler.ComponentId, ["fieldValue"] = fieldValue },
        };
        var args = new JsonArray(descriptor, JsonSerializer.SerializeToNode(eventArgs));
        string callId = Interlocked.Increment(ref _nextCallId).ToString(CultureInfo.InvariantCulture);
        await _connection.SendAsync("BeginInvokeDotNetFromJS", [callId, null, "DispatchEventAsync", interop, args.ToJsonString()], cancellationToken);
    }

    private async ValueTask OnInvocationAsync(InvocationMessage message)
    {
        var a = message.Arguments;
        switch (message.Target)
        {
            case "JS.RenderBatch":
                long batchId = (long)a[0]!;
                var bytes = (byte[])a[1]!;
                long arrived = Stopwatch.GetTimestamp();
                string? failure = null;
                try
                {
                    var batch = RenderBatchReader.Read(bytes);
                    lock (_lock)
                    {
                        _dom.Apply(batch);
                        Interlocked.Increment(ref _batches);
                        BatchApplied?.Invoke(_dom, arrived);
                        CheckWaiters();
                    }
                }
                catch (InvalidDataException e)
                {
                    failure = e.Message;
                    Error($"render batch {batchId}: {e.Message}");
                }
                Interlocked.Add(ref _batchBytes, bytes.Length);
                await _connection.SendAsync("OnRenderCompleted", [batchId, failure], CancellationToken.None);
                break;
            case "JS.BeginInvokeJS":
                await AnswerJSAsync((long)a[0]!, (string)a[1]!, a[2] as string, a.Length > 3 && a[3] is long kind ? kind : 0);
                break;
            case "JS.EndInvokeDotNet":
                if (a.Length > 1 && a[1] is false) Error("event dispatch failed: " + (a.ElementAtOrDefault(2) as string ?? "?"));
                break;
            case "JS.Error":
                Error("JS.Error: " + (a.ElementAtOrDefault(0) as string ?? "?"));
                break;
            default:
                // JS.EndUpdateRootComponents, JS.AttachComponent, JS.EndLocationChanging, …: nothing to do for a simulated tab.
                break;
        }
    }

    // Every JS call succeeds: module imports and other object-returning calls get a fresh object reference, the rest null.
    private async Task AnswerJSAsync(long asyncHandle, string identifier, string? argsJson, long resultType)
    {
        _jsCalls.AddOrUpdate(identifier, 1, (_, n) => n + 1);
        if (identifier == AttachRendererInterop && argsJson is not null)
        {
            // [rendererId, {"__dotNetObject": id}, …]: the object whose DispatchEventAsync receives browser events.
            var args = JsonNode.Parse(argsJson)?.AsArray();
            if (args?.ElementAtOrDefault(1)?["__dotNetObject"] is JsonValue id) _rendererInterop.TrySetResult(id.GetValue<long>());
        }
        if (asyncHandle == 0) return;
        JsonNode? result = resultType == JSObjectReferenceResult ? new JsonObject { ["__jsObjectId"] = Interlocked.Increment(ref _nextJSObjectId) } : null;
        var answer = new JsonArray(asyncHandle, true, result).ToJsonString();
        await _connection.SendAsync("EndInvokeJSFromDotNet", [asyncHandle, true, answer], CancellationToken.None);
    }

    private void CheckWaiters()
    {
        for (int i = _waiters.Count - 1; i >= 0; i--)
        {
            if (!_waiters[i].Condition(_dom)) continue;
            _waiters[i].Done.TrySetResult();
            _waiters.RemoveAt(i);
        }
    }

    private void FailWaiters(string reason)
    {
        lock (_lock)
        {
            foreach (var (_, done) in _waiters) done.TrySetException(new CircuitException(reason));
            _waiters.Clear();
        }
    }

    private void Error(string message) => _errors.Enqueue(message);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
