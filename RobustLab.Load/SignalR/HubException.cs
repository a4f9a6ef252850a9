namespace RobustLab.Load.SignalR;

/// <summary>The hub connection failed, or the server answered an invocation with an error.</summary>
internal sealed class HubException(string message) : Exception(message);
