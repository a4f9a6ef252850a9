using System.Globalization;

namespace RobustLab.Load;

/// <summary>The load test's command line (see <see cref="Usage"/>).</summary>
internal sealed record LoadOptions
{
    public int Users { get; init; } = 100;
    public double Minutes { get; init; } = 10;
    /// <summary>Users on the Trade-offs page running sweeps (default: a tenth of the users).</summary>
    public int? Sweepers { get; init; }
    /// <summary>Seconds at the start left out of the statistics (users connecting, the server warming up).</summary>
    public double WarmupSeconds { get; init; } = 60;
    /// <summary>Seconds over which the users arrive.</summary>
    public double RampSeconds { get; init; } = 30;
    /// <summary>Share of the Lab users who turn JumpReLU on and drag κ as well as ε.</summary>
    public double JumpReLUShare { get; init; } = 0.4;
    public int Seed { get; init; } = 1;
    /// <summary>An app already running; by default the load test starts its own.</summary>
    public Uri? Url { get; init; }
    /// <summary>Environment for the server it starts (KEY=VALUE, e.g. RobustLab__Jobs__MaxQueued=4 or DOTNET_gcServer=0).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public string Output { get; init; } = Path.Combine("artifacts", "load");
    public string? Label { get; init; }

    public int EffectiveSweepers => Sweepers ?? Users / 10;

    public const string Usage = """
        usage: robustlab-load [options]
          --users N          simulated users in all (default 100)
          --sweepers N       of them, users running sweeps on the Trade-offs page (default users/10)
          --minutes M        length of the run, warm-up included (default 10)
          --warmup S         seconds left out of the statistics at the start (default 60)
          --ramp S           seconds over which the users arrive (default 30)
          --jumprelu F       share of the Lab users who also drag JumpReLU's κ (default 0.4)
          --seed N           seed of the users' random choices (default 1)
          --url URL          drive an app that is already running (no server CPU/memory then)
          --env KEY=VALUE    environment of the server the test starts (repeatable), e.g. RobustLab__Jobs__MaxQueued=4
          --out DIR          where the report goes (default artifacts/load)
          --label TEXT       a name for this run in the report
        """;

    /// <exception cref="ArgumentException">An unknown option or a bad value; the message says which.</exception>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var o = new LoadOptions();
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string Value() => ++i < args.Count ? args[i] : throw new ArgumentException($"{name} needs a value.");
            o = name switch
            {
                "--users" => o with { Users = Int(name, Value(), 1) },
                "--sweepers" => o with { Sweepers = Int(name, Value(), 0) },
                "--minutes" => o with { Minutes = Number(name, Value(), 0.1) },
                "--warmup" => o with { WarmupSeconds = Number(name, Value(), 0) },
                "--ramp" => o with { RampSeconds = Number(name, Value(), 0) },
                "--jumprelu" => o with { JumpReLUShare = Math.Min(1, Number(name, Value(), 0)) },
                "--seed" => o with { Seed = Int(name, Value(), 0) },
                "--url" => o with { Url = Uri.TryCreate(Value(), UriKind.Absolute, out var u) ? u : throw new ArgumentException($"{name}: not an absolute URL.") },
                "--env" => AddEnv(o, env, Value()),
                "--out" => o with { Output = Value() },
                "--label" => o with { Label = Value() },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        if (o.EffectiveSweepers > o.Users) throw new ArgumentException("--sweepers is more than --users.");
        if (o.WarmupSeconds >= o.Minutes * 60) throw new ArgumentException("--warmup is as long as the run: nothing would be measured.");
        return o with { Environment = env };
    }

    private static LoadOptions AddEnv(LoadOptions o, Dictionary<string, string> env, string pair)
    {
        int eq = pair.IndexOf('=');
        if (eq <= 0) throw new ArgumentException($"--env {pair}: expected KEY=VALUE.");
        env[pair[..eq]] = pair[(eq + 1)..];
        return o;
    }

    private static int Int(string name, string text, int min) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min ? v : throw new ArgumentException($"{name}: expected a whole number ≥ {min}, got '{text}'.");

    private static double Number(string name, string text, double min) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && double.IsFinite(v) ? v : throw new ArgumentException($"{name}: expected a number ≥ {min}, got '{text}'.");
}
