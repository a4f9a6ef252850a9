using System.Globalization;
using RobustLab.Cli.Commands;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Catalog;
using RobustLab.Engine.Data;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Layers.Activations;
using RobustLab.Engine.Serialization;
using RobustLab.Engine.Sweeps;

namespace RobustLab.Cli;

/// <summary>
/// The options eval and sweep share — model, data, test-time defenses, attack, transfer source — read and checked
/// before any file is touched (<see cref="Read"/>), then turned into a <see cref="SweepSetup"/> (<see cref="LoadAsync"/>).
/// </summary>
internal sealed class SetupOptions
{
    /// <summary>Every attack knob's option, once (from the catalog: a new attack's knobs become options by themselves).</summary>
    public static IReadOnlyList<AttackKnob> KnobOptions { get; } = [.. AttackCatalog.All.SelectMany(a => a.Knobs).DistinctBy(k => k.Option)];

    private static readonly string[] AttackOptions =
        ["norm", "eps", "random-start", "target", "source-model", "source-arch", "source-activation", .. KnobOptions.Select(k => k.Option)];

    public required string ModelPath { get; init; }
    public string? Architecture { get; init; }
    public required string Split { get; init; }
    public int Offset { get; init; }
    public int? Limit { get; init; }
    public int Seed { get; init; }
    public int Batch { get; init; }
    public required string Activation { get; init; }
    public InputScalingSpec? InputScale { get; init; }
    public SmoothingSpec? Smoothing { get; init; }
    public string? Attack { get; init; }
    public required AttackSettings Settings { get; init; }
    public TargetChoice? Target { get; init; }
    public string? SourceModelPath { get; init; }

    /// <summary>--source-arch: the architecture of the --source-model file (needed when its metadata names none; default: --arch then).</summary>
    public string? SourceArchitecture { get; init; }
    public string? SourceActivation { get; init; }
    public required string DataDir { get; init; }
    public string? Dataset { get; init; }

    /// <summary>native (the engine) or torch (libtorch); torch whenever --model is a TorchScript file.</summary>
    public required string Backend { get; init; }

    /// <summary>Where the backend computes: cpu, or cuda (torch only).</summary>
    public required string Device { get; init; }

    /// <summary>The backend of --source-model (default: --backend; a TorchScript file is always torch).</summary>
    public string? SourceBackend { get; init; }

    /// <summary>--input-shape C,H,W for a TorchScript model whose shape cannot be probed.</summary>
    public int[]? InputShape { get; init; }

    public static SetupOptions Read(Arguments args)
    {
        string command = args.Command;
        string split = args.String("split") ?? "test";
        if (split is not ("test" or "train")) throw new UsageException($"--split must be test or train, got '{split}'.", command);
        int seed = args.Int("seed", 0, 0, int.MaxValue);
        string? attack = args.String("attack");
        if (attack is not null && !AttackCatalog.Names.Contains(attack))
            throw new UsageException($"Unknown attack '{attack}'. --attack must be one of: {string.Join(", ", AttackCatalog.Names)}.", command);
        if (attack is null && AttackOptions.FirstOrDefault(args.Has) is { } orphan)
            throw new UsageException($"--{orphan} applies to an attack: give --attack <name> too.", command);
        string norm = args.String("norm") ?? "linf";
        if (norm is not ("linf" or "l2")) throw new UsageException($"--norm must be linf or l2, got '{norm}'.", command);
        var chosenNorm = norm == "l2" ? LpNorm.L2 : LpNorm.Linf;
        var entry = attack is null ? null : AttackCatalog.Get(attack);
        if (entry?.FixedNorm is { } own && args.Has("norm") && own != chosenNorm)
            throw new UsageException($"{attack} is an {(own == LpNorm.L2 ? "L2" : "L∞")} attack: --norm {norm} does not apply.", command);
        var settings = new AttackSettings(Norm: entry?.Norm(chosenNorm) ?? chosenNorm, Epsilon: Epsilon(args), RandomStart: args.Flag("random-start"));
        if (entry is not null && args.Has("random-start") && !entry.RandomStart)
            throw new UsageException($"--random-start does not apply to {attack}.", command);
        foreach (var option in KnobOptions)
        {
            if (args.String(option.Option) is not { } text) continue;
            // The attack's own knob for this option: its range in the attack's norm (the Lab's and Trade-offs' range too).
            var knob = entry?.Knobs.FirstOrDefault(k => k.Option == option.Option)
                ?? throw new UsageException($"--{option.Option} does not apply to {attack}{KnobList(entry!)}.", command);
            var range = knob.For(settings.Norm);
            double value = NumberText.Parse(text) is { } v ? v : throw new UsageException($"--{option.Option} must be a number, got '{text}'.", command);
            if (range.Check(value) is { } problem) throw new UsageException($"--{option.Option}: {problem} ({range.RangeText}).", command);
            settings = knob.Set(settings, value);
        }
        var options = new SetupOptions
        {
            ModelPath = args.Required("model"),
            Architecture = args.String("arch"),
            Split = split,
            Offset = args.Int("offset", 0, 0, int.MaxValue),
            Limit = args.OptionalInt("limit", 0, int.MaxValue),
            Seed = seed,
            Batch = args.Int("batch", 256, 1, 65_536),
            Activation = Parse(command, "activation", args.String("activation") ?? "relu", s => ActivationCatalog.Parse(s, seed).Spec),
            InputScale = args.String("input-scale") is { } scale ? Parse(command, "input-scale", scale, DefenseSpec.ParseInputScaling) : null,
            Smoothing = args.String("smooth") is { } smooth ? Parse(command, "smooth", smooth, DefenseSpec.ParseSmoothing) : null,
            Attack = attack,
            Settings = settings,
            Target = args.String("target") is { } target ? Parse(command, "target", target, TargetChoice.Parse) : null,
            SourceModelPath = args.String("source-model"),
            SourceArchitecture = args.String("source-arch"),
            SourceActivation = args.String("source-activation") is { } sa ? Parse(command, "source-activation", sa, s => ActivationCatalog.Parse(s, seed).Spec) : null,
            DataDir = Common.DataDir(args),
            Dataset = Common.DatasetOption(args),
            Backend = BackendOption(args, "backend") ?? "native",
            SourceBackend = BackendOption(args, "source-backend"),
            Device = args.String("device") ?? "cpu",
            InputShape = args.String("input-shape") is { } shape ? Shape(command, shape) : null,
        };
        if (options.Device is not ("cpu" or "cuda")) throw new UsageException($"--device must be cpu or cuda, got '{options.Device}'.", command);
        bool script = Backends.IsTorchScript(options.ModelPath);
        if (script && args.Has("backend") && options.Backend != "torch")
            throw new UsageException($"{options.ModelPath} is a TorchScript model: it runs on --backend torch only.", command);
        if (script) options = options.With(backend: "torch");
        if (options.Backend == "native" && options.Device != "cpu")
            throw new UsageException("--device cuda needs --backend torch: the native engine computes on the CPU.", command);
        if (options.InputShape is not null && !script)
            throw new UsageException("--input-shape applies to TorchScript models (.pt) only: a zoo model's shape is its architecture's.", command);
        if (attack is not null)
        {
            Attack made;
            try { made = AttackCatalog.Create(attack, settings); }
            catch (ArgumentException e) { throw new UsageException($"--attack {attack}: {e.Message}", command); }
            if (made.Targeted && options.Target is null)
                throw new UsageException($"{attack} is a targeted attack: give --target <class>|ll|random.", command);
            if (!made.Targeted && options.Target is not null)
                throw new UsageException($"--target applies to targeted attacks only (such as fgsm-targeted); {attack} is untargeted.", command);
        }
        if (args.Has("source-arch") && options.SourceModelPath is null)
            throw new UsageException("--source-arch names the architecture of --source-model: give --source-model <file> too.", command);
        return options;
    }

    private SetupOptions With(string backend) => new()
    {
        ModelPath = ModelPath, Architecture = Architecture, Split = Split, Offset = Offset, Limit = Limit, Seed = Seed, Batch = Batch,
        Activation = Activation, InputScale = InputScale, Smoothing = Smoothing, Attack = Attack, Settings = Settings, Target = Target,
        SourceModelPath = SourceModelPath, SourceActivation = SourceActivation, DataDir = DataDir, Dataset = Dataset,
        Backend = backend, Device = Device, SourceBackend = SourceBackend, InputShape = InputShape,
    };

    /// <summary>Reads the model files and the data and builds the setup; a setting the files show to be wrong is a usage error.</summary>
    public async Task<SweepSetup> LoadAsync(string command, CancellationToken ct)
    {
        var model = LoadModel(ModelPath, Architecture, Backend, InputShape) with { Activation = Activation, InputScale = InputScale, Smoothing = Smoothing };
        ModelSpec? source = SourceModelPath is not null
            ? LoadModel(SourceModelPath, SourceArchitecture ?? ArchitectureIfUnnamed(SourceModelPath, Architecture),
                  SourceBackend ?? (Backends.IsTorchScript(ModelPath) ? "native" : Backend), null) with { Activation = SourceActivation ?? "relu" }
            : SourceActivation is not null ? model with { Activation = SourceActivation, InputScale = null, Smoothing = null } : null;
        var inputShape = model.InputShape;
        string datasetName = Dataset ?? DatasetCatalog.DefaultFor(inputShape);
        if (datasetName == DatasetCatalog.Mnist) await DataCommand.EnsureMnistAsync(DataDir, ct);
        var full = Common.LoadData(datasetName, inputShape, DataDir, Split);
        if (Offset > full.Count) throw new UsageException($"--offset {Offset} is past the end of the {Split} split ({full.Count} examples).", command);
        var setup = new SweepSetup(model, full.Subset(Offset, Limit), Attack, Attack is null ? null : Settings, Target, source, Seed, Batch);
        try { return setup.Validate(); }
        catch (Exception e) when (e is ArgumentException or FormatException) { throw new UsageException(e.Message, command); }
    }

    /// <summary>The data set's name as loaded (for the JSON record).</summary>
    public string DatasetName(SweepSetup setup) => Dataset ?? DatasetCatalog.DefaultFor(setup.Data.ExampleShape);

    // --arch stands in for a file's missing architecture, never overrides a named one (a transfer source may differ).
    private static string? ArchitectureIfUnnamed(string path, string? architecture) =>
        architecture is null || !File.Exists(path) || Backends.IsTorchScript(path) || ModelFile.ReadMetadata(path).ContainsKey(ModelFile.ArchitectureKey) ? null : architecture;

    private ModelSpec LoadModel(string path, string? architecture, string backend, int[]? inputShape)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file '{path}' does not exist.");
        if (Backends.IsTorchScript(path)) return Backends.TorchScript(path, inputShape, Device) with { Seed = Seed };
        var spec = ModelSpec.From(ModelFile.Load(path, architecture, Seed), Path.GetFileNameWithoutExtension(path)) with { Seed = Seed };
        return backend == "torch" ? Backends.OnTorch(spec, Device) : spec;
    }

    private static string? BackendOption(Arguments args, string name) => args.String(name) switch
    {
        null => null,
        "native" => "native",
        "torch" => "torch",
        var other => throw new UsageException($"--{name} must be native or torch, got '{other}'.", args.Command),
    };

    /// <summary>--input-shape C,H,W: three positive integers.</summary>
    private static int[] Shape(string command, string text)
    {
        var parts = text.Split(',');
        if (parts.Length != 3 || parts.Any(p => !int.TryParse(p.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int d) || d < 1 || d > 4096))
            throw new UsageException($"--input-shape must be C,H,W (three positive integers), got '{text}'.", command);
        return parts.Select(p => int.Parse(p.Trim(), CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>--eps: a number ≥ 0, or inf (unbounded: the minimal-perturbation attacks then return the smallest adversarial they find).</summary>
    private static float Epsilon(Arguments args) => args.String("eps") switch
    {
        null => new AttackSettings().Epsilon,
        "inf" or "infinity" => float.PositiveInfinity,
        var text => float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) && float.IsFinite(v) && v >= 0
            ? v
            : throw new UsageException($"--eps must be a number ≥ 0 or inf, got '{text}'.", args.Command),
    };

    private static string KnobList(AttackEntry entry) =>
        entry.Knobs.Count == 0 ? " (it has no knobs besides --eps and --norm)" : $" (its knobs: {string.Join(", ", entry.Knobs.Select(k => "--" + k.Option))})";

    private static T Parse<T>(string command, string option, string text, Func<string, T> parse)
    {
        try { return parse(text); }
        catch (Exception e) when (e is FormatException or ArgumentException) { throw new UsageException($"--{option}: {e.Message}", command); }
    }
}
