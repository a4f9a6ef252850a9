using RobustLab.Engine.Catalog;
using RobustLab.Engine.Sweeps;
using System.Text.RegularExpressions;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Defenses;
using RobustLab.Web.Services.Tradeoffs;
using static RobustLab.Web.Services.Sharing.LinkText;

namespace RobustLab.Web.Services.Sharing;

/// <summary>What a Trade-offs link asks for: the settings, the preset they start from, whether to run them, and what was ignored.</summary>
/// <param name="Ignored">Parameters that were not used, each with why (the preset's value is used instead).</param>
/// <param name="Invalid">The settings' own check (<see cref="TradeoffsState.Validate"/>): combinations that do not make a run yet.</param>
public sealed record TradeoffsLinkRead(TradeoffsState State, string? PresetId, bool Run, IReadOnlyList<string> Ignored, IReadOnlyList<string> Invalid)
{
    public IReadOnlyList<string> Messages => [.. Ignored, .. Invalid.Select(e => "Not runnable as linked: " + e)];
}

/// <summary>
/// The Trade-offs settings ↔ a query string: /tradeoffs?preset=borji-fgsm-alpha&amp;examples=100&amp;series-values=1,5,10.
/// A link names the preset its settings start from (the page's first preset when absent; <c>preset=none</c> for the plain
/// defaults) and only the settings that differ from it. <c>run=1</c> queues the run when the link is opened, as pressing Run
/// would; without it the page only shows the settings.
/// </summary>
/// <remarks>
/// Each parameter passes the checks of its form field (known names, registered models, finite numbers in range, list syntax)
/// or is ignored with a message; the combination is then checked by <see cref="TradeoffsState.Validate"/>, as Run would.
/// </remarks>
public static partial class TradeoffsLink
{
    public const string PresetParameter = "preset", RunParameter = "run", NoPreset = "none";

    /// <summary>Characters of a list of values, attacks or models.</summary>
    public const int MaxListLength = 600;

    private static readonly Dictionary<string, ValuesMode> Modes = new() { ["range"] = ValuesMode.Range, ["list"] = ValuesMode.List };

    private static readonly Dictionary<string, string> Activations = new()
    {
        [TradeoffsState.Relu] = TradeoffsState.Relu, [TradeoffsState.JumpRelu] = TradeoffsState.JumpRelu,
        [TradeoffsState.RandomizedJumpRelu] = TradeoffsState.RandomizedJumpRelu, [TradeoffsState.SlopedRelu] = TradeoffsState.SlopedRelu,
    };

    private static readonly Dictionary<string, SmoothingVote> Votes = new()
    {
        ["majority"] = SmoothingVote.Majority, ["soft"] = SmoothingVote.Soft, ["weighted"] = SmoothingVote.Weighted,
    };

    private static readonly Dictionary<string, LpNorm> Norms = new() { ["linf"] = LpNorm.Linf, ["l2"] = LpNorm.L2 };

    private static readonly Dictionary<string, AttackSource> Sources = new()
    {
        ["white-box"] = AttackSource.WhiteBox, ["gray-box"] = AttackSource.GrayBox, ["other-model"] = AttackSource.OtherModel,
    };

    private static readonly Dictionary<string, PlotMeasures> MeasureNames = new()
    {
        ["clean"] = PlotMeasures.CleanAccuracy, ["adversarial"] = PlotMeasures.AdversarialAccuracy, ["success"] = PlotMeasures.AttackSuccessRate,
        ["fooling"] = PlotMeasures.FoolingRate, ["transfer"] = PlotMeasures.TransferRate, ["rho-l2"] = PlotMeasures.RhoL2,
        ["rho-linf"] = PlotMeasures.RhoLinf, ["mean-l2"] = PlotMeasures.MeanL2, ["mean-linf"] = PlotMeasures.MeanLinf,
    };

    private static readonly Dictionary<string, string> SeriesSettings = new[]
        { TradeoffsState.NoSeries, TradeoffsState.SeriesByAttack, TradeoffsState.SeriesByModel, TradeoffsState.SeriesBySource }
        .Concat(SweepKnobs.All.Select(k => k.Name)).ToDictionary(n => n);

    private static readonly Dictionary<string, string> Knobs = SweepKnobs.All.ToDictionary(k => k.Name, k => k.Name);

    /// <summary>Every setting, in the order they are applied and written (the series setting before its values).</summary>
    public static IReadOnlyList<LinkField<TradeoffsState, IReadOnlyList<string>>> Fields { get; } =
    [
        new("knob", s => s.Knob, (s, v, _) => ParseChoice(v, Knobs, k => s.Knob = k)),
        new("mode", s => NameOf(Modes, s.ValuesMode), (s, v, _) => ParseChoice(v, Modes, m => s.ValuesMode = m)),
        Real("start", s => s.RangeStart, (s, v) => s.RangeStart = v, 0, MaxKnobValue),
        Real("stop", s => s.RangeStop, (s, v) => s.RangeStop = v, 0, MaxKnobValue),
        Real("step", s => s.RangeStep, (s, v) => s.RangeStep = v, 0, MaxKnobValue, exclusiveMin: true),
        new("values", s => s.ValuesText, (s, v, _) => NumberList(v, TradeoffsLimits.MaxValues, s.SweptKnob, t => s.ValuesText = t), MaxListLength),
        Switch("matrix", s => s.TransferMatrix, (s, v) => s.TransferMatrix = v),
        new("sources", s => s.SourceValuesText, (s, v, _) => NumberList(v, TradeoffsLimits.MaxMatrixSide, s.SweptKnob, t => s.SourceValuesText = t), MaxListLength),
        new("series", s => s.SeriesBy, (s, v, _) => ParseChoice(v, SeriesSettings, x => s.SeriesBy = x)),
        new("series-values", s => s.SeriesValuesText, SeriesValues, MaxListLength),
        new("name", s => s.SeriesName, (s, v, _) => SeriesName(v, t => s.SeriesName = t), TradeoffsLimits.MaxSeriesName * 4),
        new("model", s => s.Model, (s, v, models) => Model(v, models, m => s.Model = m), 100),
        new("act", s => s.Activation, (s, v, _) => ParseChoice(v, Activations, a => s.Activation = a)),
        Real("act-value", s => s.ActivationValue, (s, v) => s.ActivationValue = v, 0, 1000),
        Switch("scale", s => s.InputScaleOn, (s, v) => s.InputScaleOn = v),
        KnobValue("s", SweepKnobs.InputScale, s => s.InputScale, (s, v) => s.InputScale = v),
        Switch("clip", s => s.InputClip, (s, v) => s.InputClip = v),
        Switch("smooth", s => s.SmoothingOn, (s, v) => s.SmoothingOn = v),
        KnobValue("sigma", SweepKnobs.Sigma, s => s.Sigma, (s, v) => s.Sigma = v),
        new("n", s => Integer(s.SmoothingSamples), (s, v, _) => ParseInteger(v, 1, TradeoffsLimits.MaxSmoothingSamples, n => s.SmoothingSamples = n)),
        new("vote", s => NameOf(Votes, s.Vote), (s, v, _) => ParseChoice(v, Votes, x => s.Vote = x)),
        new("attack", s => s.HasAttack ? s.Attack : NoPreset, (s, v, _) => Attack(v, a => s.Attack = a), 60),
        new("norm", s => NameOf(Norms, s.Norm), (s, v, _) => ParseChoice(v, Norms, n => s.Norm = n)),
        Real("eps", s => s.Epsilon, (s, v) => s.Epsilon = v, 0, AttackKnobs.MaxL2),
        Switch("unbounded", s => s.Unbounded, (s, v) => s.Unbounded = v),
        new("steps", s => s.Steps is { } n ? Integer(n) : Auto, (s, v, _) => v == Auto ? Do(() => s.Steps = null) : ParseInteger(v, 1, TradeoffsLimits.MaxSteps, n => s.Steps = n)),
        new("stepsize", s => s.StepSize is { } a ? Number(a) : Auto,
            (s, v, _) => v == Auto ? Do(() => s.StepSize = null) : Positive(v, AttackKnobs.MaxL2, a => s.StepSize = a)),
        Switch("randstart", s => s.RandomStart, (s, v) => s.RandomStart = v),
        new("eot", s => Integer(s.EotSamples), (s, v, _) => ParseInteger(v, 1, TradeoffsLimits.MaxEotSamples, m => s.EotSamples = m)),
        new("target", s => s.Target, (s, v, _) => Target(v, t => s.Target = t)),
        new("source", s => NameOf(Sources, s.Source), (s, v, _) => ParseChoice(v, Sources, x => s.Source = x)),
        new("source-model", s => s.SourceModel, (s, v, models) => Model(v, models, m => s.SourceModel = m), 100),
        new("examples", s => Integer(s.Examples), (s, v, _) => ParseInteger(v, 1, TradeoffsLimits.MaxExamples, n => s.Examples = n)),
        new("seed", s => Integer(s.Seed), (s, v, _) => ParseInteger(v, 0, int.MaxValue, n => s.Seed = n)),
        new("measures", s => string.Join(",", PlotMeasure.In(s.Measures).Select(m => NameOf(MeasureNames, m.Flag))), (s, v, _) => Measures(v, m => s.Measures = m), 200),
    ];

    private const string Auto = "auto";

    /// <summary>No knob goes beyond this (α and the iterations stop at 1,000), so neither does a range's start, stop or step.</summary>
    private const double MaxKnobValue = 1000;

    /// <summary>The query of <paramref name="state"/> started from preset <paramref name="presetId"/> (null: none); "" for the page's first view.</summary>
    /// <param name="run">Add run=1, so that opening the link starts the run.</param>
    public static string Encode(TradeoffsState state, string? presetId, bool run = false)
    {
        var preset = presetId is null ? null : TradeoffsPresets.Find(presetId);
        var baseline = preset?.Settings ?? new TradeoffsState();
        var pairs = new List<KeyValuePair<string, string>>();
        if (preset?.Id != TradeoffsPresets.Default.Id) pairs.Add(KeyValuePair.Create(PresetParameter, preset?.Id ?? NoPreset));
        pairs.AddRange(Fields.Where(f => f.Get(state) != f.Get(baseline)).Select(f => KeyValuePair.Create(f.Name, f.Get(state))));
        if (run) pairs.Add(KeyValuePair.Create(RunParameter, True));
        return LinkQuery.Build(pairs);
    }

    /// <summary>The settings a link asks for: its preset's, with each valid parameter applied (see the class remarks).</summary>
    /// <param name="models">The registered models (a link may name only these).</param>
    public static TradeoffsLinkRead Read(LinkQuery query, IReadOnlyList<string> models)
    {
        var ignored = new List<string>(query.Problems);
        var preset = TradeoffsPresets.Default;
        if (query.Take(PresetParameter) is { } presetId)
        {
            if (presetId == NoPreset) preset = null;
            else if (TradeoffsPresets.Find(presetId) is { } found) preset = found;
            else ignored.Add($"{PresetParameter}={LinkQuery.Shown(presetId)}: no such preset (the presets are {string.Join(", ", TradeoffsPresets.All.Select(p => p.Id))}); " +
                $"the first one ({TradeoffsPresets.Default.Id}) is used.");
        }
        var baseline = preset?.Settings ?? new TradeoffsState();
        var state = baseline with { };
        foreach (var field in Fields)
        {
            if (query.Take(field.Name) is not { } given) continue;
            string? error = given.Length > field.MaxLength ? $"longer than {field.MaxLength} characters" : field.Set(state, given, models);
            if (error is not null)
                ignored.Add($"{field.Name}={LinkQuery.Shown(given)}: {error}; {(preset is null ? "the default" : "the preset's value")} ({LinkQuery.Shown(field.Get(baseline), 80)}) is used.");
        }
        bool run = false;
        if (query.Take(RunParameter) is { } runText && ParseBool(runText, r => run = r) is { } runError)
            ignored.Add($"{RunParameter}={LinkQuery.Shown(runText)}: {runError}; the run is not started.");
        ignored.AddRange(query.Unread().Select(name => $"'{LinkQuery.Shown(name)}' is not a setting of the Trade-offs page: ignored."));
        return new TradeoffsLinkRead(state, preset?.Id, run, ignored, query.IsEmpty ? [] : Check(state));
    }

    // The form's own check; an engine refusal it does not anticipate becomes a message too (a link never breaks the page).
    private static IReadOnlyList<string> Check(TradeoffsState state)
    {
        try
        {
            return state.Validate();
        }
        catch (ArgumentException e)
        {
            return [e.Message];
        }
    }

    private static string? Do(Action set)
    {
        set();
        return null;
    }

    // A list of the knob's values, each in the knob's range (ε in the wider L2 range: the norm comes later; Validate narrows it).
    private static string? NumberList(string text, int max, SweepKnob knob, Action<string> set)
    {
        var (values, error) = KnobValues.Parse(text, max);
        if ((error ?? values.Select(v => knob.Check(v, LpNorm.L2)).FirstOrDefault(p => p is not null)) is { } problem) return problem;
        set(text);
        return null;
    }

    // The values of the "one series per" setting, checked against what it is: attacks, models, sources or numbers.
    private static string? SeriesValues(TradeoffsState state, string text, IReadOnlyList<string> models)
    {
        if (!ListText().IsMatch(text)) return "not a list of names or numbers";
        var items = KnobValues.Names(text);
        if (items.Count > TradeoffsLimits.MaxSeries) return $"{items.Count} values; at most {TradeoffsLimits.MaxSeries}";
        if (state.SeriesKnob is not null)
        {
            if (items.Count > 0 && KnobValues.Parse(text, TradeoffsLimits.MaxSeries).Error is { } error) return error;
        }
        else if (state.SeriesBy switch
        {
            TradeoffsState.SeriesByAttack => items.FirstOrDefault(i => !AttackCatalog.Names.Contains(i)),
            TradeoffsState.SeriesByModel => items.FirstOrDefault(i => !models.Contains(i)),
            TradeoffsState.SeriesBySource => items.FirstOrDefault(i => i is not (TradeoffsState.WhiteBox or TradeoffsState.GrayBox)),
            _ => null,
        } is { } unknown)
            return $"'{LinkQuery.Shown(unknown)}' is not a value of a series per {state.SeriesBy}";
        state.SeriesValuesText = text;
        return null;
    }

    // Free text shown in the legend and in exported data: printable, short, and nothing that looks like markup or code.
    private static string? SeriesName(string text, Action<string> set)
    {
        if (text.Length > TradeoffsLimits.MaxSeriesName) return $"longer than {TradeoffsLimits.MaxSeriesName} characters";
        if (text.Any(c => char.IsControl(c) || "<>\"'`{}\\;$".Contains(c))) return "only letters, digits, spaces and simple punctuation (no < > \" ' ` { } \\ ; $)";
        set(text);
        return null;
    }

    private static string? Model(string name, IReadOnlyList<string> models, Action<string> set)
    {
        if (!models.Contains(name)) return $"no such model here (the registry has {string.Join(", ", models)})";
        set(name);
        return null;
    }

    private static string? Attack(string name, Action<string> set)
    {
        if (name == NoPreset) set(TradeoffsState.NoAttack);
        else if (AttackCatalog.Names.Contains(name)) set(name);
        else return "not an attack of the catalog (or none)";
        return null;
    }

    private static string? Target(string text, Action<string> set)
    {
        if (text is not ("ll" or "random") && !(text.Length == 1 && char.IsAsciiDigit(text[0]))) return "not ll, random or a class 0 to 9";
        set(text);
        return null;
    }

    private static string? Measures(string text, Action<PlotMeasures> set)
    {
        var names = text.Split(',');
        var measures = PlotMeasures.None;
        foreach (var name in names)
        {
            if (!MeasureNames.TryGetValue(name, out var flag)) return $"'{LinkQuery.Shown(name)}' is not one of {string.Join(", ", MeasureNames.Keys)}";
            if ((measures & flag) != 0) return $"'{name}' is given twice";
            measures |= flag;
        }
        set(measures);
        return null;
    }

    private static string? Positive(string text, double max, Action<double> set) => Bounded(text, 0, max, exclusiveMin: true, set);

    private static string? Bounded(string text, double min, double max, bool exclusiveMin, Action<double> set)
    {
        double value = double.NaN;
        var error = ParseNumber(text, min, max, x => value = x);
        if (error is not null) return error;
        if (exclusiveMin && value <= min) return $"must be > {Number(min)}";
        set(value);
        return null;
    }

    private static LinkField<TradeoffsState, IReadOnlyList<string>> Switch(string name, Func<TradeoffsState, bool> get, Action<TradeoffsState, bool> set) =>
        new(name, s => Bool(get(s)), (s, v, _) => ParseBool(v, b => set(s, b)));

    private static LinkField<TradeoffsState, IReadOnlyList<string>> Real(string name, Func<TradeoffsState, double> get, Action<TradeoffsState, double> set,
        double min, double max, bool exclusiveMin = false) =>
        new(name, s => Number(get(s)), (s, v, _) => Bounded(v, min, max, exclusiveMin, x => set(s, x)));

    // A defense knob's value, checked by the knob's own rule (the one the form and Validate use).
    private static LinkField<TradeoffsState, IReadOnlyList<string>> KnobValue(string name, string knob, Func<TradeoffsState, double> get, Action<TradeoffsState, double> set) =>
        new(name, s => Number(get(s)), (s, v, _) =>
        {
            double value = double.NaN;
            var error = ParseNumber(v, double.MinValue, double.MaxValue, x => value = x) ?? SweepKnobs.Get(knob).Check(value);
            if (error is null) set(s, value);
            return error;
        });

    [GeneratedRegex(@"^[A-Za-z0-9 .,;:_+\-]*$")]
    private static partial Regex ListText();
}
