namespace RobustLab.Web.Services.Limits;

/// <summary>One circuit's place in the <see cref="CircuitLimiter"/>: disposing it frees the place, once, however often it is called.</summary>
public sealed class CircuitLease : IDisposable
{
    private readonly CircuitLimiter _limiter;
    private int _claimed, _released;

    internal CircuitLease(CircuitLimiter limiter, string client) => (_limiter, Client) = (limiter, client);

    public string Client { get; }

    /// <summary>True once a circuit took this lease as its own (<see cref="TryClaim"/>).</summary>
    public bool IsClaimed => Volatile.Read(ref _claimed) == 1;

    public bool IsReleased => Volatile.Read(ref _released) == 1;

    /// <summary>Makes the lease a circuit's; true for the first caller only, so two circuits never share a place.</summary>
    public bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) _limiter.Release(Client);
    }
}
