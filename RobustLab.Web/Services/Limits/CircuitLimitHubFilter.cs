using Microsoft.AspNetCore.SignalR;

namespace RobustLab.Web.Services.Limits;

/// <summary>
/// Takes a circuit's place in the <see cref="CircuitLimiter"/> at Blazor's hub, and refuses a new circuit when the lab or
/// the client is full, so that a client which skips the page (or two tabs that loaded it in the same moment) cannot go
/// past the limits the "lab is full" page shows.
/// </summary>
/// <remarks>
/// The hub's StartCircuit and ResumeCircuit create a circuit; ConnectCircuit only reconnects one that holds its place
/// already, so it passes. An accepted start takes a <see cref="CircuitLease"/> before the hub runs and keeps it with the
/// connection until the circuit's <see cref="CircuitCounter"/> takes it over. NOTE: since .NET 8 the circuit's handlers
/// are created by the hub call that adds its first components (UpdateRootComponents), not by StartCircuit; so during
/// every call of a connection whose lease is not taken yet, the lease is offered through <see cref="Pending"/> (an
/// async-local: the handlers are created on that call's async flow). A lease no circuit took is given back when the
/// start fails or the connection ends. A refused start answers null (the hub's own answer for a circuit that failed to
/// start), tells the browser why ("JS.Error") and closes the connection.
/// </remarks>
public sealed class CircuitLimitHubFilter(CircuitLimiter limiter, ILogger<CircuitLimitHubFilter> logger) : IHubFilter
{
    /// <summary>The hub methods that create a circuit.</summary>
    public static readonly IReadOnlySet<string> CircuitStarts = new HashSet<string>(StringComparer.Ordinal) { "StartCircuit", "ResumeCircuit" };

    private static readonly object LeaseKey = new();
    private static readonly AsyncLocal<CircuitLease?> PendingLease = new();

    /// <summary>The lease offered to a circuit being set up on this async flow, if any.</summary>
    internal static CircuitLease? Pending => PendingLease.Value;

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var items = invocationContext.Context.Items;
        if (CircuitStarts.Contains(invocationContext.HubMethodName)) return await StartAsync(invocationContext, next);
        if (items.TryGetValue(LeaseKey, out var held) && held is CircuitLease { IsClaimed: false } lease)
            return await OfferingAsync(lease, invocationContext, next);
        return await next(invocationContext);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items.TryGetValue(LeaseKey, out var held) && held is CircuitLease lease) GiveBackUnclaimed(lease);
        await next(context, exception);
    }

    private async ValueTask<object?> StartAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        string client = CircuitClient.Of(invocationContext.Context.GetHttpContext());
        var lease = limiter.TryAcquire(client, out var occupancy);
        if (lease is null)
        {
            logger.LogWarning("Refused a new circuit ({Method}) from {Client}: {Reason}", invocationContext.HubMethodName, client, occupancy.Reason);
            await invocationContext.Hub.Clients.Caller.SendAsync("JS.Error", $"The lab is full. {occupancy.Reason} Try again shortly.");
            invocationContext.Context.Abort();
            return null;
        }
        var items = invocationContext.Context.Items;
        if (items.TryGetValue(LeaseKey, out var earlier) && earlier is CircuitLease old) GiveBackUnclaimed(old);
        items[LeaseKey] = lease;
        object? result = null;
        try
        {
            result = await OfferingAsync(lease, invocationContext, next);
            return result;
        }
        finally
        {
            if (result is null) // the hub refused the start itself (or threw): no circuit
            {
                GiveBackUnclaimed(lease);
                items.Remove(LeaseKey);
            }
        }
    }

    // Runs the hub call with the lease on offer to the circuit handlers it creates.
    private static async ValueTask<object?> OfferingAsync(CircuitLease lease, HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        PendingLease.Value = lease;
        try
        {
            return await next(invocationContext);
        }
        finally
        {
            PendingLease.Value = null;
            if (lease.IsClaimed || lease.IsReleased) invocationContext.Context.Items.Remove(LeaseKey);
        }
    }

    // Frees a place that no circuit took; a circuit that took it frees it when it ends.
    private static void GiveBackUnclaimed(CircuitLease lease)
    {
        if (lease.TryClaim()) lease.Dispose();
    }
}
