using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RobustLab.Tests.Web.Jobs;
using RobustLab.Web.Services.Limits;

namespace RobustLab.Tests.Web.Limits;

// Blazor's hub itself, reached over a real WebSocket with its real protocol (BlazorHubClient): a client that skips the
// page cannot start a circuit past the limits, a start the hub fails itself gives its place back, and the hub keeps
// SignalR's 32 KB limit on a message from the browser.
public sealed class CircuitLimitHubTests(LimitsLabFactory factory) : IClassFixture<LimitsLabFactory>
{
    private const int ReceiveLimit = 32 * 1024;

    private static readonly Type ComponentHub = typeof(CircuitHandler).Assembly.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub", throwOnError: true)!;

    private CircuitLimiter Limiter => factory.Services.GetRequiredService<CircuitLimiter>();

    private async Task<BlazorHubClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = await factory.Server.CreateWebSocketClient().ConnectAsync(new Uri(factory.Server.BaseAddress, "_blazor"), cancellationToken);
        var hub = new BlazorHubClient(socket);
        await hub.HandshakeAsync(cancellationToken);
        return hub;
    }

    // StartCircuit's arguments as blazor.web.js sends them (base URI, URI, component records, application state), one
    // string per parameter of the hub method of this ASP.NET Core version; the records are not valid ones.
    private static string?[] StartArguments()
    {
        var parameters = ComponentHub.GetMethod("StartCircuit", BindingFlags.Public | BindingFlags.Instance)!.GetParameters();
        Assert.All(parameters, p => Assert.Equal(typeof(string), p.ParameterType));
        string?[] known = ["http://localhost/", "http://localhost/train", "[]", ""];
        return [.. parameters.Select((_, i) => i < known.Length ? known[i] : "")];
    }

    private async Task<string> ClientKeyAsync()
    {
        using var client = factory.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/limits"));
        return json.RootElement.GetProperty("circuits").GetProperty("client").GetString()!;
    }

    // Polls (bounded) until the app's count of this client's live circuits is `expected`.
    private async Task WaitForClientCircuitsAsync(string client, int expected, CancellationToken cancellationToken)
    {
        while (Limiter.Occupancy(client).ClientCircuits != expected) await Task.Delay(20, cancellationToken);
    }

    // Ends a circuit the way a closing tab does: blazor.web.js posts its id to /_blazor/disconnect.
    private async Task DisconnectAsync(string circuitId)
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync("/_blazor/disconnect", new FormUrlEncodedContent(new Dictionary<string, string> { ["circuitId"] = circuitId }));
        Assert.True(response.IsSuccessStatusCode, $"/_blazor/disconnect answered {(int)response.StatusCode}.");
    }

    private static string? Result(object?[]? completion) => completion is { Length: > 4 } ? completion[4] as string : null;

    // Starts a circuit as blazor.web.js does: StartCircuit, then UpdateRootComponents with its first (here: empty) batch
    // of root components, which is where Blazor sets the circuit up and opens it. Returns the circuit's id.
    private static async Task<string?> StartCircuitAsync(BlazorHubClient hub, CancellationToken cancellationToken)
    {
        if (Result(await hub.InvokeAsync("StartCircuit", StartArguments(), cancellationToken)) is not { } circuitId) return null;
        await hub.InvokeAsync("UpdateRootComponents", ["{\"batchId\":1,\"operations\":[]}", ""], cancellationToken);
        while (!hub.Invoked("JS.EndUpdateRootComponents") && !hub.Closed) await hub.ReceiveAsync(cancellationToken);
        return circuitId;
    }

    [Fact]
    public async Task A_circuit_started_at_the_hub_holds_its_place_until_it_closes()
    {
        using var limit = new CancellationTokenSource(Waiting.Limit);
        string client = await ClientKeyAsync();
        await using var hub = await ConnectAsync(limit.Token);
        var circuitId = await StartCircuitAsync(hub, limit.Token);

        Assert.NotNull(circuitId);
        Assert.Empty(hub.Calls("JS.Error"));
        Assert.Equal(1, Limiter.Occupancy(client).ClientCircuits);
        await DisconnectAsync(circuitId);
        await WaitForClientCircuitsAsync(client, 0, limit.Token);
    }

    [Fact]
    public async Task Past_the_limit_a_client_that_skips_the_page_is_refused_at_the_hub()
    {
        using var limit = new CancellationTokenSource(Waiting.Limit);
        string client = await ClientKeyAsync();
        var hubs = new List<BlazorHubClient>();
        var circuits = new List<string>();
        try
        {
            for (int i = 0; i < LimitsLabFactory.PerClient; i++)
            {
                hubs.Add(await ConnectAsync(limit.Token));
                circuits.Add(await StartCircuitAsync(hubs[^1], limit.Token) ?? throw new InvalidOperationException("A circuit under the limit did not start."));
            }
            Assert.Equal(LimitsLabFactory.PerClient, Limiter.Occupancy(client).ClientCircuits);

            await using var refused = await ConnectAsync(limit.Token);
            var completion = await refused.InvokeAsync("StartCircuit", StartArguments(), limit.Token);
            Assert.Null(Result(completion)); // no circuit id (or no answer at all: the connection is closed)
            var error = Assert.Single(refused.Calls("JS.Error"));
            Assert.StartsWith("The lab is full.", error);
            Assert.Contains($"already has {LimitsLabFactory.PerClient} lab tabs open", error);
            Assert.True(await refused.WaitForCloseAsync(limit.Token), "The hub should close a refused connection.");
            Assert.Equal(LimitsLabFactory.PerClient, Limiter.Occupancy(client).ClientCircuits); // nothing taken

            // A tab closes: the next start gets its place.
            await DisconnectAsync(circuits[0]);
            await WaitForClientCircuitsAsync(client, LimitsLabFactory.PerClient - 1, limit.Token);
            await using var next = await ConnectAsync(limit.Token);
            var nextId = await StartCircuitAsync(next, limit.Token);
            Assert.NotNull(nextId);
            circuits[0] = nextId;
        }
        finally
        {
            foreach (var id in circuits) await DisconnectAsync(id);
            foreach (var hub in hubs) await hub.DisposeAsync();
        }
        await WaitForClientCircuitsAsync(client, 0, limit.Token);
    }

    [Fact]
    public async Task A_start_the_hub_fails_itself_gives_its_place_back()
    {
        using var limit = new CancellationTokenSource(Waiting.Limit);
        string client = await ClientKeyAsync();
        await using var hub = await ConnectAsync(limit.Token);
        var arguments = StartArguments();
        arguments[0] = "not an address"; // the hub refuses a base URI that is not absolute
        var completion = await hub.InvokeAsync("StartCircuit", arguments, limit.Token);

        Assert.Null(Result(completion));
        var error = Assert.Single(hub.Calls("JS.Error"));
        Assert.DoesNotContain("lab is full", error); // the hub's own message
        Assert.Equal(0, Limiter.Occupancy(client).ClientCircuits);
    }

    [Fact]
    public async Task A_place_taken_by_a_start_that_never_sets_its_circuit_up_is_freed_with_its_connection()
    {
        using var limit = new CancellationTokenSource(Waiting.Limit);
        string client = await ClientKeyAsync();
        var hub = await ConnectAsync(limit.Token);
        Assert.NotNull(Result(await hub.InvokeAsync("StartCircuit", StartArguments(), limit.Token)));
        Assert.Equal(1, Limiter.Occupancy(client).ClientCircuits); // taken at the start, before any component is added

        await hub.DisposeAsync(); // gone before UpdateRootComponents: no circuit handler ever took the place
        await WaitForClientCircuitsAsync(client, 0, limit.Token);
    }

    [Fact]
    public async Task A_dropped_connection_frees_the_place_and_a_reconnect_takes_one_again()
    {
        using var limit = new CancellationTokenSource(Waiting.Limit);
        string client = await ClientKeyAsync();
        var hub = await ConnectAsync(limit.Token);
        var circuitId = await StartCircuitAsync(hub, limit.Token);
        Assert.NotNull(circuitId);
        Assert.Equal(1, Limiter.Occupancy(client).ClientCircuits);

        await hub.DisposeAsync(); // the tab went away without a goodbye: Blazor keeps the circuit, the place is free
        await WaitForClientCircuitsAsync(client, 0, limit.Token);

        await using var again = await ConnectAsync(limit.Token);
        var reconnected = await again.InvokeAsync("ConnectCircuit", [circuitId], limit.Token);
        Assert.Equal(true, reconnected is { Length: > 4 } ? reconnected[4] : null);
        await WaitForClientCircuitsAsync(client, 1, limit.Token); // the circuit is back, and counted again
        await DisconnectAsync(circuitId);
        await WaitForClientCircuitsAsync(client, 0, limit.Token);
    }

    [Fact]
    public void The_hub_keeps_signalrs_32_KB_receive_limit()
    {
        // IOptions<HubOptions<ComponentHub>>: the options Blazor's hub runs with (the hub type is internal).
        var optionsType = typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(ComponentHub));
        var options = (HubOptions)optionsType.GetProperty("Value")!.GetValue(factory.Services.GetRequiredService(optionsType))!;
        Assert.Equal(ReceiveLimit, options.MaximumReceiveMessageSize);
    }

    [Fact]
    public async Task A_message_just_under_32_KB_is_read_and_one_over_it_closes_the_connection()
    {
        using var limit = new CancellationTokenSource(Waiting.Limit);
        await using var hub = await ConnectAsync(limit.Token);

        // ConnectCircuit with an unknown circuit id answers false; the id pads the message to just under the limit.
        var answer = await hub.InvokeAsync("ConnectCircuit", [new string('x', ReceiveLimit - 100)], limit.Token);
        Assert.NotNull(answer);
        Assert.Equal(false, answer.Length > 4 ? answer[4] : null);
        Assert.False(hub.Closed);

        var over = await hub.InvokeAsync("ConnectCircuit", [new string('x', ReceiveLimit + 100)], limit.Token);
        Assert.Null(over); // no answer: the server dropped the connection
        Assert.True(hub.Closed);
    }
}
