using RobustLab.Load.Measurement;
using RobustLab.Load.SignalR;

namespace RobustLab.Load.Users;

/// <summary>What a simulated user needs: the app's address, its own browser (HTTP client + cookies), its random stream,
/// the shared metrics, and when to stop.</summary>
internal sealed class UserContext(int id, Uri baseAddress, int seed, LoadMetrics metrics, CancellationToken stop) : IDisposable
{
    public int Id { get; } = id;
    public Uri BaseAddress { get; } = baseAddress;
    public Random Random { get; } = new(seed);
    public LoadMetrics Metrics { get; } = metrics;
    public CancellationToken Stop { get; } = stop;
    public CookieContainerAccess Cookies { get; } = new();
    public HttpClient Http { get; private set; } = null!;

    public UserContext Open()
    {
        Http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies.Container, UseCookies = true }) { Timeout = TimeSpan.FromSeconds(60) };
        return this;
    }

    /// <summary>Waits <paramref name="seconds"/>; false when the run is over.</summary>
    public async Task<bool> PauseAsync(double seconds)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds), Stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public double Uniform(double min, double max) => min + Random.NextDouble() * (max - min);

    public void Dispose() => Http?.Dispose();
}
