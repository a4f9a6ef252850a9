namespace RobustLab.Load.SignalR;

/// <summary>A message of SignalR's hub protocol (https://github.com/dotnet/aspnetcore/blob/main/src/SignalR/docs/specs/HubProtocol.md).</summary>
internal abstract record HubMessage;

/// <summary>Calls <see cref="Target"/> on the other side; a null <see cref="InvocationId"/> means no completion is expected.</summary>
internal sealed record InvocationMessage(string? InvocationId, string Target, object?[] Arguments) : HubMessage;

/// <summary>The end of an invocation: its result, or an error.</summary>
internal sealed record CompletionMessage(string InvocationId, string? Error, bool HasResult, object? Result) : HubMessage;

internal sealed record PingMessage : HubMessage;

/// <summary>The server closes the connection, with a reason when it is an error.</summary>
internal sealed record CloseMessage(string? Error, bool AllowReconnect) : HubMessage;

/// <summary>A message type this client does not use (stream items, acks, ...): kept only so that it can be ignored.</summary>
internal sealed record OtherMessage(long Type) : HubMessage;
