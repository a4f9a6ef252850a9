using System.Globalization;
using System.Text.Json.Nodes;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Sweeps;

namespace RobustLab.Cli.Commands;

/// <summary>robustlab eval: clean and (with --attack) adversarial accuracy of a model file on a data split, with test-time defenses.</summary>
internal static class EvalCommand
{
    public static async Task<int> RunAsync(Arguments args, CancellationToken ct)
    {
        var options = SetupOptions.Read(args);
        bool json = args.Flag("json");
        Common.ApplyThreads(args);
        args.EnsureAllUsed();
        var setup = await options.LoadAsync("eval", ct);
        var point = await SweepRunner.EvaluateAsync(setup, SweepMeasures.All | SweepMeasures.ZeroGradient, cancellationToken: ct);
        if (json)
        {
            Console.WriteLine(Record(options, setup, point).ToJsonString(SweepCommand.Json));
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
            ["seconds"] = Math.Round(point.Seconds, 4),
        };
    }

    private static double? Round(float? v) => v is { } x ? Math.Round(x, 6) : null;

    private static string Percent(float? v) => v is { } x ? x.ToString("P2", CultureInfo.InvariantCulture) : "n/a";

    private static string Number(float? v) => v is { } x ? x.ToString("G4", CultureInfo.InvariantCulture) : "n/a";
}
