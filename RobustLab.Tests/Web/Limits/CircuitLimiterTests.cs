using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RobustLab.Web.Services.Limits;

namespace RobustLab.Tests.Web.Limits;

// The counter behind the circuit limits: places per client and in total, freed once per lease.
public sealed class CircuitLimiterTests
{
    private static CircuitLimiter Limiter(int perClient, int total) =>
        new(Options.Create(new LimitsOptions { CircuitsPerClient = perClient, CircuitsTotal = total }), NullLogger<CircuitLimiter>.Instance);

    [Fact]
    public void A_client_gets_its_places_then_is_refused_while_others_still_get_theirs()
    {
        var limiter = Limiter(perClient: 2, total: 5);
        var a1 = limiter.TryAcquire("10.0.0.1", out _);
        var a2 = limiter.TryAcquire("10.0.0.1", out var before);
        Assert.NotNull(a1);
        Assert.NotNull(a2);
        Assert.Equal((1, 1), (before.Total, before.ClientCircuits)); // the counts the decision was made on

        Assert.Null(limiter.TryAcquire("10.0.0.1", out var refused));
        Assert.True(refused.ClientIsFull);
        Assert.False(refused.LabIsFull);
        Assert.Contains("already has 2 lab tabs open", refused.Reason);
        Assert.NotNull(limiter.TryAcquire("10.0.0.2", out _));
        Assert.Equal(3, limiter.Total);

        a1.Dispose();
        Assert.NotNull(limiter.TryAcquire("10.0.0.1", out _));
    }

    [Fact]
    public void Past_the_total_everyone_is_refused_and_told_how_many_are_in_use()
    {
        var limiter = Limiter(perClient: 2, total: 3);
        var leases = new[] { "a", "b", "c" }.Select(c => limiter.TryAcquire(c, out _)!).ToArray();
        Assert.Null(limiter.TryAcquire("d", out var refused));
        Assert.True(refused.LabIsFull);
        Assert.Equal("All 3 places in the lab are taken: 3 sessions are in use.", refused.Reason);
        Assert.Equal(0, refused.ClientCircuits);

        leases[1].Dispose();
        Assert.False(limiter.Occupancy("d").IsFull);
    }

    [Fact]
    public void A_lease_frees_its_place_once_however_often_it_is_disposed()
    {
        var limiter = Limiter(perClient: 3, total: 3);
        var lease = limiter.TryAcquire("a", out _)!;
        var other = limiter.TryAcquire("a", out _)!;
        lease.Dispose();
        lease.Dispose();
        Assert.Equal(1, limiter.Total);
        Assert.Equal(1, limiter.Occupancy("a").ClientCircuits);
        Assert.True(other.TryClaim());
        Assert.False(other.TryClaim()); // a place is one circuit's
        other.Dispose();
        Assert.Equal(0, limiter.Total);
    }

    [Fact]
    public void Concurrent_starts_never_take_more_places_than_there_are()
    {
        var limiter = Limiter(perClient: 1000, total: 50);
        var taken = new System.Collections.Concurrent.ConcurrentBag<CircuitLease>();
        Parallel.For(0, 400, i =>
        {
            if (limiter.TryAcquire($"client-{i % 7}", out _) is { } lease) taken.Add(lease);
        });
        Assert.Equal(50, taken.Count);
        Assert.Equal(50, limiter.Total);
        Parallel.ForEach(taken, lease => lease.Dispose());
        Assert.Equal(0, limiter.Total);
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("::ffff:127.0.0.1", "127.0.0.1")] // IPv4 over an IPv6 socket is the same client
    [InlineData("::1", "::1")]
    public void A_client_is_its_remote_address(string address, string key) =>
        Assert.Equal(key, CircuitClient.Of(System.Net.IPAddress.Parse(address)));
}
