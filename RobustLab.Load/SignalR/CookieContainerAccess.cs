using System.Net;

namespace RobustLab.Load.SignalR;

/// <summary>One simulated browser's cookies, shared by its HTTP requests and its WebSocket (as a browser shares them).</summary>
internal sealed class CookieContainerAccess
{
    public CookieContainer Container { get; } = new();
}
