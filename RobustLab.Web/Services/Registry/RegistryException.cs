namespace RobustLab.Web.Services.Registry;

/// <summary>The registry refused an operation; the message says why, in words a page can show.</summary>
public sealed class RegistryException(string message, Exception? inner = null, RegistryRefusal reason = RegistryRefusal.Invalid) : Exception(message, inner)
{
    public RegistryRefusal Reason { get; } = reason;
}
