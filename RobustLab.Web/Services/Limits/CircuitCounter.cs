using Microsoft.AspNetCore.Components.Server.Circuits;

namespace RobustLab.Web.Services.Limits;

/// <summary>
/// Holds a circuit's place in the <see cref="CircuitLimiter"/> for as long as the circuit lives: it takes the lease the
/// <see cref="CircuitLimitHubFilter"/> acquired for this circuit's start and frees it when the circuit closes.
/// </summary>
/// <remarks>
/// Scoped: Blazor creates one per circuit, inside the hub call that sets the circuit up (UpdateRootComponents since
/// .NET 8), where the filter offers the connection's lease. The circuit's scope is disposed when the circuit goes away,
/// so the place is freed even if the circuit never reported that it closed.
/// </remarks>
public sealed class CircuitCounter : CircuitHandler, IDisposable
{
    private readonly CircuitLease? _lease;

    public CircuitCounter()
    {
        if (CircuitLimitHubFilter.Pending is { } lease && lease.TryClaim()) _lease = lease;
    }

    /// <summary>The client this circuit is counted for (null when it started without a lease).</summary>
    public string? Client => _lease?.Client;

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _lease?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _lease?.Dispose();
}
