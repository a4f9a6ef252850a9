using System.Globalization;

namespace RobustLab.Cli;

/// <summary>
/// "--name value" options and "--flag" switches after a command word. Every option must be consumed
/// by the command (<see cref="EnsureAllUsed"/>), so a misspelt option is an error, not silently ignored.
/// </summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public string Command { get; }
    public IReadOnlyList<string> Positional { get; }

    public Arguments(string command, IReadOnlyList<string> args, IReadOnlySet<string> flags)
    {
        Command = command;
        var positional = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length == 2)
            {
                positional.Add(a);
                continue;
            }
            string name = a[2..];
            string? value = null;
            int eq = name.IndexOf('=');
            if (eq >= 0) (name, value) = (name[..eq], name[(eq + 1)..]);
            else if (!flags.Contains(name))
            {
                if (i + 1 >= args.Count) throw new UsageException($"Option --{name} needs a value.", command);
                value = args[++i];
            }
            if (!_options.TryAdd(name, value)) throw new UsageException($"Option --{name} is given twice.", command);
        }
        Positional = positional;
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public bool Flag(string name) => Take(name) is not null || _options.ContainsKey(name);

    public string? String(string name) => Take(name);

    public string Required(string name) => Take(name) ?? throw new UsageException($"Option --{name} is required.", Command);

    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue) =>
        Take(name) is string s ? ParseInt(name, s, min, max) : fallback;

    public int? OptionalInt(string name, int min = int.MinValue, int max = int.MaxValue) =>
        Take(name) is string s ? ParseInt(name, s, min, max) : null;

    public float Float(string name, float fallback, float min = float.MinValue, float max = float.MaxValue) =>
        Take(name) is string s ? ParseFloat(name, s, min, max) : fallback;

    public float? OptionalFloat(string name, float min = float.MinValue, float max = float.MaxValue) =>
        Take(name) is string s ? ParseFloat(name, s, min, max) : null;

    /// <summary>Fails on any option the command did not read.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0) throw new UsageException($"Unknown option{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown.Select(u => "--" + u))}.", Command);
        if (Positional.Count > 0) throw new UsageException($"Unexpected argument '{Positional[0]}'.", Command);
    }

    private string? Take(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var v) ? v : null;
    }

    private int ParseInt(string name, string s, int min, int max) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= min && v <= max
            ? v
            : throw new UsageException($"--{name} must be an integer in {min}..{max}, got '{s}'.", Command);

    private float ParseFloat(string name, string s, float min, float max) =>
        float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) && float.IsFinite(v) && v >= min && v <= max
            ? v
            : throw new UsageException($"--{name} must be a number in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}], got '{s}'.", Command);
}
