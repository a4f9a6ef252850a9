using System.Globalization;
using System.Text.Json;
using RobustLab.Engine.Catalog;
using RobustLab.Web.Services.Experiments;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Tradeoffs;
using RobustLab.Web.Services.Training;

namespace RobustLab.Web.Components.Experiments;

/// <summary>A stored configuration (sweep settings, training request or Lab settings) as readable lines: "attack" = "pgd",
/// "smoothing.sigma" = "0.25", written with the same JSON names as the export so the two read alike.</summary>
public static class ConfigurationLines
{
    /// <summary>Arrays longer than this (a Lab image's 784 pixels) are summarised by their length.</summary>
    public const int MaxListed = 16;

    /// <summary>The lines of a stored configuration that applied to the run: settings of defenses that were off, knobs the attack does
    /// not read and values an automatic default replaced are left out; the step an automatic default chose is shown as it ran.</summary>
    public static IReadOnlyList<(string Key, string Value)> Applied(object? configuration) => configuration switch
    {
        LabSnapshotSettings lab => AppliedLab(lab),
        TradeoffsState sweep => AppliedSweep(sweep),
        TrainingRequest training => [.. Of(training).Where(l => training.Mode == TrainingMode.Adversarial || !AdversarialOnly.Contains(l.Key))
            .Where(l => training.Mode == TrainingMode.NoiseInjection || l.Key != "noise_sigma")],
        _ => Of(configuration),
    };

    private static readonly string[] AdversarialOnly = ["method", "adversarial_fraction", "lambda", "fixed_epsilon", "epsilon_sigma", "delay"];

    private static IReadOnlyList<(string Key, string Value)> AppliedLab(LabSnapshotSettings lab)
    {
        var state = new LabState();
        lab.ApplyTo(state, [lab.Model]);
        var entry = state.Entry;
        bool Keep(string key) => key switch
        {
            "kappa" => state.Activation == "jumprelu",
            "b" => state.Activation == "rjumprelu",
            "alpha" => state.Activation == "srelu",
            "bpda" => state.BpdaApplies,
            "sigma" or "samples" or "vote" => state.Smoothing,
            "scale" or "scale_clip" => state.InputScaling,
            "epsilon" => !state.EpsilonUnused,
            "unbounded" => entry.MinimalPerturbation,
            "steps" => entry.Knob(AttackSetting.Steps) is { } k && !(k.Auto && state.IsAuto(k.Setting)),
            "auto_step_size" => entry.Knob(AttackSetting.StepSize) is { Auto: true },
            "step_size" => false, // shown below as it ran
            "random_start" => entry.RandomStart,
            "eot_samples" => entry.Knob(AttackSetting.Samples) is not null,
            "target_mode" => entry.Targeted,
            "target_class" => entry.Targeted && state.TargetMode == TargetMode.Class,
            "seed" => state.SeedApplies,
            "compare" => state.DefenseOn,
            "auto_knobs" => false,
            _ => !key.StartsWith("knobs.", StringComparison.Ordinal) || entry.Knobs.Any(k => "knobs." + k.Option == key && !(k.Auto && state.IsAuto(k.Setting))),
        };
        var lines = Of(lab).Where(l => Keep(l.Key)).ToList();
        if (entry.Knob(AttackSetting.StepSize) is { } step && state.EffectiveValue(step) is { } used)
        {
            int at = lines.FindIndex(l => l.Key == "auto_step_size");
            var line = ("step_size", state.KnobOf(AttackSetting.StepSize).Format(used) + (state.IsAuto(AttackSetting.StepSize) ? " (the attack's default)" : ""));
            lines.Insert(at < 0 ? lines.Count : at + 1, line);
        }
        return lines;
    }

    private static IReadOnlyList<(string Key, string Value)> AppliedSweep(TradeoffsState sweep)
    {
        var attacks = sweep.Attacks();
        bool Reads(AttackSetting setting) => attacks.Any(a => a.Knob(setting) is not null);
        bool swept(string knob) => sweep.Knob == knob || sweep.SeriesBy == knob;
        bool Keep(string key) => key switch
        {
            "range_start" or "range_stop" or "range_step" => sweep.ValuesMode == ValuesMode.Range,
            "values_text" => sweep.ValuesMode != ValuesMode.Range,
            "source_values_text" => sweep.TransferMatrix,
            "series_values_text" => sweep.SeriesBy != TradeoffsState.NoSeries,
            "activation_value" => sweep.Activation != TradeoffsState.Relu && !sweep.ActivationFromKnob,
            "activation" => !sweep.ActivationFromKnob,
            "input_scale" or "input_clip" => sweep.UsesInputScale,
            "sigma" or "smoothing_samples" or "vote" => sweep.UsesSmoothing,
            "norm" => attacks.Any(a => a.FixedNorm is null),
            "epsilon" => attacks.Count > 0 && !swept("eps") && !(sweep.Unbounded && attacks.All(a => a.MinimalPerturbation)),
            "unbounded" => attacks.Any(a => a.MinimalPerturbation),
            "steps" => Reads(AttackSetting.Steps) && !swept("iterations"),
            "step_size" => Reads(AttackSetting.StepSize),
            "random_start" => attacks.Any(a => a.RandomStart),
            "eot_samples" => Reads(AttackSetting.Samples),
            "target" => attacks.Any(a => a.Targeted),
            "source" or "source_model" => attacks.Count > 0 && !sweep.TransferMatrix && (key == "source" || sweep.Source == AttackSource.OtherModel),
            _ => !key.StartsWith("other_knobs.", StringComparison.Ordinal) || attacks.Any(a => a.Knobs.Any(k => "other_knobs." + k.Option == key)),
        };
        return [.. Of(sweep).Where(l => Keep(l.Key))
            .Select(l => l.Key == "step_size" && l.Value == "—" ? (l.Key, "the attack's default") : l.Key == "steps" && l.Value == "—" ? (l.Key, "the attack's default") : l)];
    }

    /// <summary>One line per setting, in the order the configuration declares them; nested objects as "outer.inner".</summary>
    public static IReadOnlyList<(string Key, string Value)> Of(object? configuration)
    {
        if (configuration is null) return [];
        var element = JsonSerializer.SerializeToElement(configuration, configuration.GetType(), ExperimentJson.Options);
        var lines = new List<(string, string)>();
        Add(lines, "", element);
        return lines;
    }

    private static void Add(List<(string, string)> lines, string key, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                    Add(lines, key.Length == 0 ? property.Name : $"{key}.{property.Name}", property.Value);
                break;
            case JsonValueKind.Array when value.GetArrayLength() > MaxListed:
                lines.Add((key, $"{value.GetArrayLength():N0} values"));
                break;
            case JsonValueKind.Array:
                lines.Add((key, value.GetArrayLength() == 0 ? "none" : string.Join(", ", value.EnumerateArray().Select(Text))));
                break;
            default:
                lines.Add((key, Text(value)));
                break;
        }
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : "—",
        JsonValueKind.Null => "—",
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Number => value.TryGetDouble(out var d) ? d.ToString("G6", CultureInfo.InvariantCulture) : value.GetRawText(),
        _ => value.GetRawText(),
    };
}
