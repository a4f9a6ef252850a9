using System.Globalization;
using System.Text.Json.Nodes;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Metrics;
using RobustLab.Engine.Sweeps;

namespace RobustLab.Cli.Commands;

/// <summary>robustlab eval: clean and (with --attack) adversarial accuracy of a model file on a data split, with test-time defenses.</summary>
internal static class EvalCommand
{
    public static async Task<int> RunAsync(Arguments args, CancellationToken ct)
    {
        var options = SetupOptions.Read(args);
        bool json = args.Flag("json");
        bool masking = args.Flag("masking");
        Common.ApplyThreads(args);
        args.EnsureAllUsed();
        var setup = await options.LoadAsync("eval", ct);
        var point = await SweepRunner.EvaluateAsync(setup, SweepMeasures.All | SweepMeasures.ZeroGradient, cancellationToken: ct);
        var signals = masking ? await Task.Run(() => MaskingSignals(options, setup, point, ct), ct) : null;
        if (json)
        {
            var record = Record(options, setup, point);
            record["masking_signals"] = signals is null ? null : new JsonArray(signals.Select(SignalJson).ToArray<JsonNode?>());
            record["masking_verdict"] = signals is null ? null : GradientMasking.Verdict(signals);
            Console.WriteLine(record.ToJsonString(SweepCommand.Json));
            return 0;
        }
        var data = setup.Data;
        Console.WriteLine($"{setup.Model.Architecture} ({options.ModelPath}), {setup.Model.Label}, {options.DatasetName(setup)} {options.Split} [{options.Offset}, {options.Offset + data.Count}), on {setup.Model.BackendName} ({setup.Model.DeviceName}):");
        Console.WriteLine($"  clean accuracy {Percent(point.CleanAccuracy)} on {data.Count} examples");
        if (point.Attack is not null)
        {
            Console.WriteLine($"  attack {point.Attack}{(setup.Source is null ? "" : $", crafted on {setup.Source.Label}")}:");
            Console.WriteLine($"    adversarial accuracy {Percent(point.AdversarialAccuracy)}, attack success rate {Percent(point.AttackSuccessRate)}, fooling rate {Percent(point.FoolingRate)}");
            if (point.TransferRate is not null) Console.WriteLine($"    transfer rate {Percent(point.TransferRate)} (Kurakin §4.4)");
            Console.WriteLine($"    ρ₂ {Number(point.RhoL2)}, ρ∞ {Number(point.RhoLinf)}, mean ‖δ‖₂ {Number(point.MeanL2)}, mean ‖δ‖∞ {Number(point.MeanLinf)} (over the examples the attack turned)");
            if (point.MeanQueries is not null) Console.WriteLine($"    queries per turned example: mean {Number(point.MeanQueries)}, median {Number(point.MedianQueries)}");
        }
        if (signals is not null)
        {
            Console.WriteLine($"  gradient masking (Athalye et al. 2018 §3.1): {GradientMasking.Verdict(signals)}");
            foreach (var signal in signals)
                Console.WriteLine($"    [{(signal.Flagged ? "x" : " ")}] {signal.Name}: {signal.Explanation}");
        }
        Console.WriteLine($"  input gradient exactly zero on {Percent(point.ZeroGradientFraction)} of the examples (the gradient-masking signal)");
        Console.WriteLine($"  in {point.Seconds:F2} s");
        return 0;
    }

    /// <summary>The --json record: the setup, then the measurements (null where not applicable).</summary>
    private static JsonObject Record(SetupOptions options, SweepSetup setup, SweepPoint point)
    {
        var s = setup.Attack is null ? null : setup.AttackSettings;
        return new JsonObject
        {
            ["model"] = options.ModelPath,
            ["architecture"] = setup.Model.Architecture,
            ["backend"] = setup.Model.BackendName,
            ["device"] = setup.Model.DeviceName,
            ["dataset"] = options.DatasetName(setup),
            ["split"] = options.Split,
            ["offset"] = options.Offset,
            ["examples"] = point.Examples,
            ["activation"] = setup.Model.Activation,
            ["input_scale"] = setup.Model.InputScale?.Text,
            ["smooth"] = setup.Model.Smoothing?.Text,
            ["seed"] = options.Seed,
            ["attack"] = setup.Attack,
            ["norm"] = s is null ? null : s.Norm == LpNorm.L2 ? "l2" : "linf",
            ["eps"] = s is null ? null : float.IsPositiveInfinity(s.Epsilon) ? "inf" : s.Epsilon, // JSON has no ∞
            ["steps"] = s?.Steps,
            ["step_size"] = s?.StepSize,
            ["random_start"] = s?.RandomStart,
            ["target"] = setup.Target?.Text,
            ["overshoot"] = s?.Overshoot,
            ["source_model"] = setup.Source is null ? null : options.SourceModelPath ?? options.ModelPath,
            ["source_activation"] = setup.Source?.Activation,
            ["clean_accuracy"] = Round(point.CleanAccuracy),
            ["adversarial_accuracy"] = Round(point.AdversarialAccuracy),
            ["attack_success_rate"] = Round(point.AttackSuccessRate),
            ["fooling_rate"] = Round(point.FoolingRate),
            ["rho_l2"] = Round(point.RhoL2),
            ["rho_linf"] = Round(point.RhoLinf),
            ["mean_l2"] = Round(point.MeanL2),
            ["mean_linf"] = Round(point.MeanLinf),
            ["transfer_rate"] = Round(point.TransferRate),
            ["zero_gradient_fraction"] = Round(point.ZeroGradientFraction),
            ["mean_queries"] = Round(point.MeanQueries),
            ["median_queries"] = Round(point.MedianQueries),
            ["seconds"] = Math.Round(point.Seconds, 4),
        };
    }

    /// <summary>The masking probe (<see cref="GradientMaskingProbe"/>) on the eval's model, data and threat model (the attack's, else
    /// the default L∞ ε); a transfer attack's accuracy joins the evidence.</summary>
    private static IReadOnlyList<MaskingSignal> MaskingSignals(SetupOptions options, SweepSetup setup, SweepPoint point, CancellationToken ct)
    {
        var threat = (setup.Attack is null ? options.Settings : setup.AttackSettings).Threat;
        var m = GradientMaskingProbe.Measure(setup.Model.CreateClassifier(ct), setup.Data.Images, setup.Data.Labels, threat, options.Seed,
            batchSize: setup.BatchSize, cancellationToken: ct);
        if (setup.Source is not null && point.AdversarialAccuracy is { } transfer) m = m with { Transfer = transfer };
        return GradientMasking.Signals(m);
    }

    private static JsonNode SignalJson(MaskingSignal s) => new JsonObject
    {
        ["name"] = s.Name,
        ["flagged"] = s.Flagged,
        ["evidence"] = new JsonObject(s.Evidence.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)Math.Round(e.Value, 6)))),
        ["explanation"] = s.Explanation,
    };

    private static double? Round(float? v) => v is { } x ? Math.Round(x, 6) : null;

    private static string Percent(float? v) => v is { } x ? x.ToString("P2", CultureInfo.InvariantCulture) : "n/a";

    private static string Number(float? v) => v is { } x ? x.ToString("G4", CultureInfo.InvariantCulture) : "n/a";
}
