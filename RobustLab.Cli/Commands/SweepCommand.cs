using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using RobustLab.Engine.Sweeps;

namespace RobustLab.Cli.Commands;

/// <summary>robustlab sweep: turn one knob over a list of values and print one JSON line per point as soon as it is measured.</summary>
internal static class SweepCommand
{
    private const int MaxPoints = 10_000;

    /// <summary>snake_case field names, nulls written (the same names as eval's --json record); labels keep ε, ∞, · unescaped.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<int> RunAsync(Arguments args, CancellationToken ct)
    {
        var options = SetupOptions.Read(args);
        string knobName = args.Required("knob");
        if (!SweepKnobs.Names.Contains(knobName))
            throw new UsageException($"Unknown knob '{knobName}'. --knob must be one of: {string.Join(", ", SweepKnobs.Names)}.", "sweep");
        var values = Values(args, "values", "range") ?? throw new UsageException("Give the knob's values: --values a,b,c or --range start:stop:step.", "sweep");
        var sourceValues = Values(args, "source-values", null);
        string? series = args.String("series");
        Common.ApplyThreads(args);
        args.EnsureAllUsed();
        if (SweepKnobs.Get(knobName).OnAttack is not null && options.Attack is null)
            throw new UsageException($"The knob '{knobName}' changes the attack: give --attack <name> too.", "sweep");

        var setup = await options.LoadAsync("sweep", ct);
        var request = new SweepRequest(setup, knobName, values, sourceValues, series);
        IAsyncEnumerable<SweepPoint> points;
        try { points = SweepRunner.RunAsync(request, cancellationToken: ct); }
        catch (Exception e) when (e is ArgumentException or FormatException) { throw new UsageException(e.Message, "sweep"); }
        await foreach (var point in points)
        {
            var record = JsonSerializer.SerializeToNode(point, Json)!.AsObject();
            record["backend"] = setup.Model.BackendName;
            record["device"] = setup.Model.DeviceName;
            Console.Out.WriteLine(record.ToJsonString(Json));
            Console.Out.Flush();
        }
        return 0;
    }

    /// <summary>"a,b,c" from --<paramref name="list"/>, or start:stop:step (stop included) from --<paramref name="range"/>; null when neither is given.</summary>
    private static IReadOnlyList<double>? Values(Arguments args, string list, string? range)
    {
        string? listText = args.String(list), rangeText = range is null ? null : args.String(range);
        if (listText is not null && rangeText is not null) throw new UsageException($"Give --{list} or --{range}, not both.", "sweep");
        if (listText is not null)
        {
            var values = listText.Split(',').Select(v => Number(list, v.Trim())).ToList();
            if (values.Count > MaxPoints) throw new UsageException($"--{list}: at most {MaxPoints} values.", "sweep");
            return values;
        }
        if (rangeText is null) return null;
        var parts = rangeText.Split(':');
        if (parts.Length != 3) throw new UsageException($"--{range} must be start:stop:step, got '{rangeText}'.", "sweep");
        double start = Number(range!, parts[0]), stop = Number(range!, parts[1]), step = Number(range!, parts[2]);
        if (step <= 0 || stop < start) throw new UsageException($"--{range} needs step > 0 and stop ≥ start, got '{rangeText}'.", "sweep");
        double count = Math.Floor((stop - start) / step + 1e-9) + 1;
        if (count > MaxPoints) throw new UsageException($"--{range} '{rangeText}' gives more than {MaxPoints} values.", "sweep");
        // start + i·step, rounded to 12 significant digits so 0.1 steps print as 0.3, not 0.30000000000000004.
        return Enumerable.Range(0, (int)count).Select(i => double.Parse((start + i * step).ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)).ToList();
    }

    private static double Number(string option, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new UsageException($"--{option}: '{text}' is not a number.", "sweep");
}
