namespace RobustLab.Load.SignalR;

/// <summary>Hub messages in the MessagePack encoding ("messagepack" and Blazor's "blazorpack"): each message is an array
/// whose first element is its type.</summary>
internal static class HubMessageCodec
{
    private const int Invocation = 1, StreamItem = 2, Completion = 3, Ping = 6, Close = 7;
    private const int ErrorResult = 1, VoidResult = 2, NonVoidResult = 3;

    /// <summary>[1, headers, invocationId, target, arguments, streamIds].</summary>
    public static byte[] Encode(HubMessage message)
    {
        var w = new MessagePackWriter();
        switch (message)
        {
            case InvocationMessage m:
                w.WriteArrayHeader(6);
                w.Write(Invocation);
                w.WriteMapHeader(0);
                w.Write(m.InvocationId);
                w.Write(m.Target);
                w.WriteValue(m.Arguments);
                w.WriteArrayHeader(0);
                break;
            case CompletionMessage m:
                w.WriteArrayHeader(m.Error is not null || m.HasResult ? 5 : 4);
                w.Write(Completion);
                w.WriteMapHeader(0);
                w.Write(m.InvocationId);
                if (m.Error is not null)
                {
                    w.Write(ErrorResult);
                    w.Write(m.Error);
                }
                else if (m.HasResult)
                {
                    w.Write(NonVoidResult);
                    w.WriteValue(m.Result);
                }
                else w.Write(VoidResult);
                break;
            case PingMessage:
                w.WriteArrayHeader(1);
                w.Write(Ping);
                break;
            case CloseMessage m:
                w.WriteArrayHeader(3);
                w.Write(Close);
                w.Write(m.Error);
                w.Write(m.AllowReconnect);
                break;
            default:
                throw new ArgumentException($"Cannot encode a {message.GetType().Name}.", nameof(message));
        }
        return BinaryFraming.Frame(w.ToArray());
    }

    /// <exception cref="InvalidDataException">The bytes are not a hub message.</exception>
    public static HubMessage Decode(ReadOnlySpan<byte> message)
    {
        var reader = new MessagePackReader(message);
        if (reader.ReadValue() is not object?[] { Length: > 0 } items || items[0] is not long type)
            throw new InvalidDataException("SignalR: a hub message is not an array starting with its type.");
        return type switch
        {
            Invocation => new InvocationMessage(items.ElementAtOrDefault(2) as string, Item<string>(items, 3), Item<object?[]>(items, 4)),
            Completion => DecodeCompletion(items),
            Ping => new PingMessage(),
            Close => new CloseMessage(items.ElementAtOrDefault(1) as string, items.ElementAtOrDefault(2) is true),
            StreamItem or _ => new OtherMessage(type),
        };
    }

    private static CompletionMessage DecodeCompletion(object?[] items)
    {
        string id = Item<string>(items, 2);
        return Item<long>(items, 3) switch
        {
            ErrorResult => new CompletionMessage(id, Item<string>(items, 4), false, null),
            VoidResult => new CompletionMessage(id, null, false, null),
            NonVoidResult => new CompletionMessage(id, null, true, items.Length > 4 ? items[4] : throw new InvalidDataException("SignalR: a completion without its result.")),
            var kind => throw new InvalidDataException($"SignalR: completion result kind {kind} is unknown."),
        };
    }

    private static T Item<T>(object?[] items, int index) =>
        index < items.Length && items[index] is T value ? value
        : throw new InvalidDataException($"SignalR: element {index} of a hub message is not a {typeof(T).Name}.");
}
