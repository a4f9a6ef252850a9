using System.Text;

namespace RobustLab.Web.Services.Sharing;

/// <summary>
/// A link's query string, parsed without trusting it: each name=value pair percent-decoded as strict UTF-8 ('+' is a space),
/// pairs that cannot be decoded and names given more than once dropped with a message, a query that is too long or has too
/// many pairs ignored as a whole. The page codecs (<see cref="LabLink"/>, <see cref="TradeoffsLink"/>) read the rest.
/// </summary>
public sealed class LinkQuery
{
    /// <summary>More pairs than any page has settings: the query is not one of ours.</summary>
    public const int MaxPairs = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private LinkQuery(List<string> problems) => Problems = problems;

    /// <summary>What was wrong with the query itself (encoding, repetition, size), for the page's message.</summary>
    public List<string> Problems { get; }

    /// <summary>True when the query had no pairs at all.</summary>
    public bool IsEmpty => _values.Count == 0 && Problems.Count == 0;

    /// <summary>The raw query of an address (after '?', before '#'), exactly as written: no <see cref="Uri"/> canonicalisation.</summary>
    public static string QueryOf(string uri)
    {
        int hash = uri.IndexOf('#');
        if (hash >= 0) uri = uri[..hash];
        int q = uri.IndexOf('?');
        return q < 0 ? "" : uri[(q + 1)..];
    }

    /// <summary>Parses <paramref name="query"/> (with or without its leading '?').</summary>
    public static LinkQuery Parse(string? query, int maxLength)
    {
        var parsed = new LinkQuery([]);
        query ??= "";
        if (query.StartsWith('?')) query = query[1..];
        if (query.Length == 0) return parsed;
        if (query.Length > maxLength)
        {
            parsed.Problems.Add($"The link's settings are {query.Length:N0} characters long, more than the {maxLength:N0} this page reads: all were ignored.");
            return parsed;
        }
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries);
        if (pairs.Length > MaxPairs)
        {
            parsed.Problems.Add($"The link has {pairs.Length} settings, more than the {MaxPairs} this page reads: all were ignored.");
            return parsed;
        }
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            int eq = pair.IndexOf('=');
            string rawName = eq < 0 ? pair : pair[..eq], rawValue = eq < 0 ? "" : pair[(eq + 1)..];
            if (!TryDecode(rawName, out var name) || !TryDecode(rawValue, out var value))
            {
                parsed.Problems.Add($"'{Shown(pair)}' is not valid percent-encoded UTF-8: ignored.");
                continue;
            }
            counts[name] = counts.GetValueOrDefault(name) + 1;
            parsed._values[name] = value;
        }
        foreach (var (name, count) in counts.Where(c => c.Value > 1))
        {
            parsed._values.Remove(name);
            parsed.Problems.Add($"'{Shown(name)}' is given {count} times: ignored (the default is used).");
        }
        return parsed;
    }

    /// <summary>The value of <paramref name="name"/>, or null when the link does not give it; marks it as read.</summary>
    public string? Take(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }

    /// <summary>The names no reader asked for.</summary>
    public IEnumerable<string> Unread() => _values.Keys.Where(k => !_read.Contains(k)).Order(StringComparer.Ordinal);

    /// <summary>name=value&amp;… with values escaped only where a query needs it, so lists and specs stay readable.</summary>
    public static string Build(IEnumerable<KeyValuePair<string, string>> pairs) =>
        string.Join("&", pairs.Select(p => Escape(p.Key) + "=" + Escape(p.Value)));

    /// <summary>Percent-escapes everything but letters, digits and -._~:,!*()/@; a space becomes '+'.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            char c = (char)b;
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' || "-._~:,!*()/@".Contains(c)) sb.Append(c);
            else if (c == ' ') sb.Append('+');
            else sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }

    /// <summary>Text from a link made safe and short enough to quote in a message.</summary>
    public static string Shown(string text, int maxLength = 40)
    {
        var clean = new string([.. text.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? '�' : c)]);
        return clean.Length <= maxLength ? clean : clean[..(maxLength - 1)] + "…";
    }

    // Strict percent-decoding: '%' must be followed by two hex digits, and the bytes must be valid UTF-8 (a raw
    // character outside ASCII counts as its UTF-8 bytes; a lone surrogate is invalid).
    private static bool TryDecode(string text, out string decoded)
    {
        decoded = "";
        if (!IsWellFormed(text)) return false;
        if (text.IndexOfAny(['%', '+']) < 0)
        {
            decoded = text;
            return true;
        }
        var bytes = new List<byte>(text.Length);
        int literal = 0; // start of the run of characters copied as they are
        void Flush(int end) => bytes.AddRange(Encoding.UTF8.GetBytes(text[literal..end]));
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is not ('+' or '%')) continue;
            Flush(i);
            if (c == '+') bytes.Add((byte)' ');
            else
            {
                if (i + 2 >= text.Length || !Uri.IsHexDigit(text[i + 1]) || !Uri.IsHexDigit(text[i + 2])) return false;
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            literal = i + 1;
        }
        Flush(text.Length);
        try
        {
            decoded = StrictUtf8.GetString([.. bytes]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool IsWellFormed(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return false;
        }
        return true;
    }
}
