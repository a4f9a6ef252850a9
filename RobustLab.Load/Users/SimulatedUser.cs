using System.Diagnostics;
using System.Text.RegularExpressions;
using RobustLab.Load.Blazor;
using RobustLab.Load.SignalR;

namespace RobustLab.Load.Users;

/// <summary>
/// A user with one browser tab on one page for the whole run. If the tab's circuit fails, the failure is counted as
/// an error and the user opens the page again after a pause (as a student would press reload).
/// </summary>
internal abstract partial class SimulatedUser(UserContext user)
{
    protected UserContext User { get; } = user;

    protected abstract string Page { get; }

    protected abstract Task UseAsync(BlazorCircuit circuit, long opened);

    public async Task RunAsync()
    {
        using var _ = User.Open();
        while (!User.Stop.IsCancellationRequested)
        {
            try
            {
                await SessionAsync();
            }
            catch (OperationCanceledException) when (User.Stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is CircuitException or HubException or TimeoutException or HttpRequestException
                                          or System.Net.WebSockets.WebSocketException or InvalidDataException or OperationCanceledException)
            {
                if (User.Stop.IsCancellationRequested) return;
                User.Metrics.Error(Kind(e));
                if (!await User.PauseAsync(5)) return;
            }
        }
    }

    private async Task SessionAsync()
    {
        long opened = Stopwatch.GetTimestamp();
        await using var circuit = await BlazorCircuit.StartAsync(User.Http, User.Cookies, new Uri(User.BaseAddress, Page), User.Stop);
        User.Metrics.CircuitOpened();
        try
        {
            await UseAsync(circuit, opened);
        }
        finally
        {
            User.Metrics.CircuitClosed();
            foreach (var error in circuit.Errors) User.Metrics.Error(Group(error));
        }
    }

    protected static void ThrowIfClosed(BlazorCircuit circuit)
    {
        if (circuit.Closed.IsCompleted) throw new CircuitException("the circuit's connection closed");
    }

    // Errors are grouped by their message with numbers and ids blanked out.
    private static string Kind(Exception e) => Group($"{e.GetType().Name}: {e.Message}");

    private static string Group(string message) => Digits().Replace(message.Length > 200 ? message[..200] : message, "#");

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
