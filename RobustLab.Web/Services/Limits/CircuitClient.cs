using System.Net;

namespace RobustLab.Web.Services.Limits;

/// <summary>Whom a circuit belongs to, for the per-client limit: the remote IP address of its connection.</summary>
/// <remarks>
/// NOTE: every tab of one computer shares its address, and so does everyone behind one proxy or NAT (the load test's
/// simulated users all come from 127.0.0.1): raise RobustLab:Limits:CircuitsPerClient for such setups.
/// </remarks>
public static class CircuitClient
{
    /// <summary>The key of a connection with no known address (an in-memory test server).</summary>
    public const string Unknown = "unknown";

    /// <summary>The client key of <paramref name="context"/>: its remote address, IPv4-mapped IPv6 written as IPv4.</summary>
    public static string Of(HttpContext? context) => Of(context?.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address) => address switch
    {
        null => Unknown,
        { IsIPv4MappedToIPv6: true } => address.MapToIPv4().ToString(),
        _ => address.ToString(),
    };
}
