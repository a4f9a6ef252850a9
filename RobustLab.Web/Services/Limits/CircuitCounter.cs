using Microsoft.AspNetCore.Components.Server.Circuits;

namespace RobustLab.Web.Services.Limits;

/// <summary>
/// Holds a circuit's place in the <see cref="CircuitLimiter"/> while its browser is connected: it takes the lease the
/// <see cref="CircuitLimitHubFilter"/> acquired for this circuit's start, gives the place back when the connection goes
/// down or the circuit closes, and takes one again when the browser reconnects.
/// </summary>
/// <remarks>
/// Scoped: Blazor creates one per circuit, inside the hub call that sets the circuit up (UpdateRootComponents since
/// .NET 8), where the filter offers the connection's lease.
/// <para>
/// NOTE: a closed tab's circuit is not always closed at once: the browser's goodbye (a beacon from blazor.web.js as
/// the page unloads) does not always arrive (the end-to-end tests saw headless Chromium close tabs without it), and
/// then Blazor keeps the disconnected circuit for a reconnect (CircuitOptions: 3 minutes, at most 100 circuits). Counting those would lock a student who reopens a tab a few
/// times out of the lab for minutes; so a place is held only while connected. A reconnecting browser always gets its
/// place back, even past the limit: its work is there, and new tabs are refused until the count is under the limit.
/// </para>
/// </remarks>
public sealed class CircuitCounter(CircuitLimiter limiter) : CircuitHandler, IDisposable
{
    private readonly Lock _lock = new();
    private readonly CircuitLease? _started = CircuitLimitHubFilter.Pending is { } offered && offered.TryClaim() ? offered : null;
    private CircuitLease? _lease;
    private bool _closed;

    /// <summary>The client this circuit is counted for (null when it started without a lease).</summary>
    public string? Client => _started?.Client;

    /// <summary>True while the circuit holds a place.</summary>
    public bool HoldsPlace
    {
        get { lock (_lock) return (_lease ?? _started) is { IsReleased: false }; }
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Release();
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            // The first "up" comes with the start, which holds its place already; a later one is a reconnect.
            if (_closed || _started is null || (_lease ?? _started) is { IsReleased: false }) return Task.CompletedTask;
            _lease = limiter.Rejoin(_started.Client);
        }
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_lock) _closed = true;
        Release();
    }

    private void Release()
    {
        lock (_lock) (_lease ?? _started)?.Dispose();
    }
}
