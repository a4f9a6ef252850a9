using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace RobustLab.Load.SignalR;

/// <summary>
/// A SignalR client connection over WebSockets with a MessagePack-encoded hub protocol (Blazor's "blazorpack"):
/// negotiate, connect, handshake, then framed binary hub messages both ways, pings every 15 s.
/// </summary>
/// <remarks>
/// Invocations from the server are handed to <see cref="InvocationReceived"/> on the receive loop, one at a time and
/// in order (as a browser's single thread would see them); a handler that needs to wait must not block that loop.
/// </remarks>
internal sealed class HubConnection : IAsyncDisposable
{
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(15);
    private const byte RecordSeparator = 0x1e;

    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<object?>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<string?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextInvocationId;
    private Task _receiveLoop = Task.CompletedTask, _pingLoop = Task.CompletedTask;

    private HubConnection(ClientWebSocket socket) => _socket = socket;

    /// <summary>Raised on the receive loop for every invocation from the server.</summary>
    public Func<InvocationMessage, ValueTask>? InvocationReceived { get; set; }

    /// <summary>Completes when the connection ends: null when closed cleanly, otherwise why.</summary>
    public Task<string?> Closed => _closed.Task;

    /// <summary>Negotiates with <paramref name="hub"/> (e.g. http://host/_blazor), connects its WebSocket and completes the handshake.</summary>
    public static async Task<HubConnection> ConnectAsync(HttpClient http, CookieContainerAccess cookies, Uri hub, string protocol, CancellationToken cancellationToken)
    {
        using var negotiate = await http.PostAsync(new Uri(hub, hub.AbsolutePath.TrimEnd('/') + "/negotiate?negotiateVersion=1"), null, cancellationToken);
        string negotiateBody = await negotiate.Content.ReadAsStringAsync(cancellationToken);
        if (!negotiate.IsSuccessStatusCode) throw new HubException($"negotiate answered {(int)negotiate.StatusCode}: {Trim(negotiateBody)}");
        string token = ConnectionToken(negotiateBody);

        var socket = new ClientWebSocket();
        socket.Options.Cookies = cookies.Container;
        socket.Options.KeepAliveInterval = TimeSpan.Zero; // SignalR pings instead
        var ws = new UriBuilder(hub) { Scheme = hub.Scheme == "https" ? "wss" : "ws", Query = "id=" + Uri.EscapeDataString(token) }.Uri;
        var connection = new HubConnection(socket);
        try
        {
            await socket.ConnectAsync(ws, cancellationToken);
            var handshake = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { protocol, version = 1 }) + (char)RecordSeparator);
            await socket.SendAsync(handshake, WebSocketMessageType.Text, true, cancellationToken);
            var rest = await connection.ReadHandshakeAsync(cancellationToken);
            connection._receiveLoop = Task.Run(() => connection.ReceiveLoopAsync(rest));
            connection._pingLoop = Task.Run(connection.PingLoopAsync);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Invokes <paramref name="target"/> on the hub and waits for its completion (its result, or a <see cref="HubException"/>).</summary>
    public async Task<object?> InvokeAsync(string target, object?[] arguments, CancellationToken cancellationToken)
    {
        string id = Interlocked.Increment(ref _nextInvocationId).ToString(CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        try
        {
            await SendMessageAsync(new InvocationMessage(id, target, arguments), cancellationToken);
            return await completion.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Invokes <paramref name="target"/> without asking for a completion (what the browser's <c>send</c> does).</summary>
    public Task SendAsync(string target, object?[] arguments, CancellationToken cancellationToken) =>
        SendMessageAsync(new InvocationMessage(null, target, arguments), cancellationToken);

    private async Task SendMessageAsync(HubMessage message, CancellationToken cancellationToken)
    {
        var bytes = HubMessageCodec.Encode(message);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            if (_closed.Task.IsCompleted) throw new HubException("the connection is closed: " + (_closed.Task.Result ?? "closed"));
            await _socket.SendAsync(bytes, WebSocketMessageType.Binary, true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    // The handshake answer is JSON ending in 0x1e ("{}" or {"error": ...}); hub messages may follow in the same read.
    private async Task<byte[]> ReadHandshakeAsync(CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (received.IndexOf(RecordSeparator) < 0)
        {
            var result = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) throw new HubException($"the server closed the connection during the handshake ({result.CloseStatusDescription}).");
            received.AddRange(buffer.AsSpan(0, result.Count));
        }
        int end = received.IndexOf(RecordSeparator);
        using var answer = JsonDocument.Parse(received.GetRange(0, end).ToArray());
        if (answer.RootElement.TryGetProperty("error", out var error)) throw new HubException("handshake refused: " + error.GetString());
        return received.GetRange(end + 1, received.Count - end - 1).ToArray();
    }

    private async Task ReceiveLoopAsync(byte[] initial)
    {
        string? reason = null;
        var pending = new MemoryStream();
        pending.Write(initial);
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                if (!await DispatchAsync(pending)) break;
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    reason = _stop.IsCancellationRequested ? null : $"the server closed the WebSocket ({result.CloseStatus} {result.CloseStatusDescription})";
                    break;
                }
                pending.Write(buffer, 0, result.Count);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Anything else (a malformed message, a handler that failed) ends this connection, with the reason.
            reason = _stop.IsCancellationRequested ? null : $"{e.GetType().Name}: {e.Message}";
        }
        Close(reason ?? (_stop.IsCancellationRequested ? null : "the connection ended"));
    }

    // Handles every complete message in `pending`, keeps a partial one; false once the server said Close.
    private async Task<bool> DispatchAsync(MemoryStream pending)
    {
        ReadOnlyMemory<byte> data = pending.GetBuffer().AsMemory(0, (int)pending.Length);
        bool open = true;
        while (open && BinaryFraming.TryTake(ref data, out var message))
        {
            switch (HubMessageCodec.Decode(message.Span))
            {
                case InvocationMessage invocation when InvocationReceived is { } handler:
                    await handler(invocation);
                    break;
                case CompletionMessage completion when _pending.TryRemove(completion.InvocationId, out var waiter):
                    if (completion.Error is not null) waiter.TrySetException(new HubException(completion.Error));
                    else waiter.TrySetResult(completion.Result);
                    break;
                case CloseMessage close:
                    Close(close.Error ?? "the server closed the connection");
                    open = false;
                    break;
            }
        }
        var rest = data.ToArray();
        pending.SetLength(0);
        pending.Write(rest);
        return open;
    }

    private async Task PingLoopAsync()
    {
        using var timer = new PeriodicTimer(PingInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) await SendMessageAsync(new PingMessage(), _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or HubException or WebSocketException or ObjectDisposedException)
        {
            // The connection is going away; the receive loop reports why.
        }
    }

    private void Close(string? reason)
    {
        if (!_closed.TrySetResult(reason)) return;
        foreach (var waiter in _pending.Values) waiter.TrySetException(new HubException("the connection closed: " + (reason ?? "closed")));
    }

    private static string ConnectionToken(string negotiateBody)
    {
        using var json = JsonDocument.Parse(negotiateBody);
        var root = json.RootElement;
        if (root.TryGetProperty("error", out var error)) throw new HubException("negotiate refused: " + error.GetString());
        if (root.TryGetProperty("connectionToken", out var token) && token.GetString() is { } t) return t;
        if (root.TryGetProperty("connectionId", out var id) && id.GetString() is { } i) return i;
        throw new HubException("negotiate gave no connection token: " + Trim(negotiateBody));
    }

    private static string Trim(string text) => text.Length <= 300 ? text : text[..300] + "…";

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        Close(null);
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, limit.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closing politely is best effort: the server notices the dropped socket either way.
        }
        await Task.WhenAll(_receiveLoop, _pingLoop).ConfigureAwait(false);
        _socket.Dispose();
        _stop.Dispose();
    }
}
