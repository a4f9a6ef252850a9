using Microsoft.Extensions.Options;

namespace RobustLab.Web.Services.Limits;

/// <summary>
/// Counts the live circuits, in total and per client, and hands out a <see cref="CircuitLease"/> for each new one while
/// both counts are under their limits (RobustLab:Limits:CircuitsTotal and CircuitsPerClient).
/// </summary>
/// <remarks>
/// A singleton, thread-safe. A circuit holds its lease from the moment its start is accepted (<see cref="CircuitLimitHubFilter"/>)
/// while its browser is connected (<see cref="CircuitCounter"/>): a closed tab or a lost connection frees the place at
/// once, and a browser that reconnects takes one again.
/// </remarks>
public sealed class CircuitLimiter(IOptions<LimitsOptions> options, ILogger<CircuitLimiter> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _byClient = new(StringComparer.Ordinal);
    private int _total;

    public int TotalLimit { get; } = options.Value.CircuitsTotal;

    public int PerClientLimit { get; } = options.Value.CircuitsPerClient;

    /// <summary>Live circuits in total.</summary>
    public int Total
    {
        get { lock (_lock) return _total; }
    }

    /// <summary>The counts now, as seen by <paramref name="client"/>.</summary>
    public CircuitOccupancy Occupancy(string client)
    {
        lock (_lock) return new(_total, TotalLimit, client, _byClient.GetValueOrDefault(client), PerClientLimit);
    }

    /// <summary>Takes a place for a new circuit of <paramref name="client"/>, or returns null when the lab or the client is full.</summary>
    /// <param name="occupancy">The counts the decision was made on (before the place was taken).</param>
    public CircuitLease? TryAcquire(string client, out CircuitOccupancy occupancy)
    {
        ArgumentException.ThrowIfNullOrEmpty(client);
        lock (_lock)
        {
            occupancy = new(_total, TotalLimit, client, _byClient.GetValueOrDefault(client), PerClientLimit);
            if (occupancy.IsFull) return null;
            _total++;
            _byClient[client] = occupancy.ClientCircuits + 1;
        }
        logger.LogDebug("Circuit place taken by {Client}: {Total} of {Limit} in use.", client, occupancy.Total + 1, TotalLimit);
        return new CircuitLease(this, client);
    }

    /// <summary>Takes a place for a circuit whose browser reconnected, even past the limits (it had one, and its work is there).</summary>
    public CircuitLease Rejoin(string client)
    {
        ArgumentException.ThrowIfNullOrEmpty(client);
        int total;
        lock (_lock)
        {
            total = ++_total;
            _byClient[client] = _byClient.GetValueOrDefault(client) + 1;
        }
        logger.LogDebug("Circuit of {Client} reconnected: {Total} of {Limit} in use.", client, total, TotalLimit);
        var lease = new CircuitLease(this, client);
        lease.TryClaim();
        return lease;
    }

    // Called once per lease (the lease makes sure of it).
    internal void Release(string client)
    {
        int total;
        lock (_lock)
        {
            total = --_total;
            if (_byClient[client] is var n && n > 1) _byClient[client] = n - 1;
            else _byClient.Remove(client);
        }
        logger.LogDebug("Circuit place freed by {Client}: {Total} of {Limit} in use.", client, total, TotalLimit);
    }
}
