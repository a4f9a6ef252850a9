using RobustLab.Engine.Catalog;
using RobustLab.Engine.Sweeps;
using System.Globalization;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Defenses;

namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>
/// The Trade-offs page's settings: which knob to sweep over which values, the model and its test-time defenses, the attack,
/// the test subset, what to measure, and optionally one series per value of a second setting. The page binds to it;
/// <see cref="Validate"/> checks it (the browser is not trusted) and <see cref="ToPlan"/> turns it into the engine's sweeps.
/// </summary>
/// <remarks>
/// A record of plain values, so two states compare by value: the page compares the settings on screen with those of the
/// run under way to offer a restart. Copy with <c>state with { }</c> before handing it to a run.
/// </remarks>
public sealed partial record TradeoffsState
{
    /// <summary>Activation kinds of <see cref="Activation"/>.</summary>
    public const string Relu = "relu", JumpRelu = "jumprelu", RandomizedJumpRelu = "rjumprelu", SlopedRelu = "srelu";

    /// <summary><see cref="SeriesBy"/> values besides knob names.</summary>
    public const string NoSeries = "none", SeriesByAttack = "attack", SeriesByModel = "model", SeriesBySource = "source";

    /// <summary>Values of a series per source: the defended model itself, or its undefended twin (see <see cref="AttackSource"/>).</summary>
    public const string WhiteBox = "white-box", GrayBox = "gray-box";

    /// <summary>The value of <see cref="Attack"/> that runs no attack (clean accuracy only).</summary>
    public const string NoAttack = "";

    // The sweep: a knob, its values, and (for model knobs) the source values of a gray-box transfer matrix.
    public string Knob { get; set; } = SweepKnobs.Epsilon;
    public ValuesMode ValuesMode { get; set; } = ValuesMode.Range;
    public double RangeStart { get; set; }
    public double RangeStop { get; set; } = 0.3;
    public double RangeStep { get; set; } = 0.05;
    public string ValuesText { get; set; } = "0, 0.1, 0.2, 0.3";
    public bool TransferMatrix { get; set; }
    public string SourceValuesText { get; set; } = "0, 0.5, 1";

    /// <summary>One series per value of this setting: <see cref="NoSeries"/>, <see cref="SeriesByAttack"/>, <see cref="SeriesByModel"/>,
    /// <see cref="SeriesBySource"/> (<see cref="WhiteBox"/> and/or <see cref="GrayBox"/>) or a knob name.</summary>
    public string SeriesBy { get; set; } = NoSeries;

    /// <summary>The values of <see cref="SeriesBy"/>: numbers, attack names or model names, separated by commas.</summary>
    public string SeriesValuesText { get; set; } = "";

    /// <summary>An optional name for the run's series (legend and exported data); the settings describe it when empty.</summary>
    public string SeriesName { get; set; } = "";

    // The model and its test-time defenses.
    public string Model { get; set; } = "lenet-like";
    public string Activation { get; set; } = Relu;
    public double ActivationValue { get; set; } = DefenseCatalog.Kappa.Default;
    public bool InputScaleOn { get; set; }
    public double InputScale { get; set; } = DefenseCatalog.Scale.Default;
    public bool InputClip { get; set; } = true;
    public bool SmoothingOn { get; set; }
    public double Sigma { get; set; } = DefenseCatalog.Sigma.Default;
    public int SmoothingSamples { get; set; } = 16;
    public SmoothingVote Vote { get; set; } = SmoothingVote.Majority;

    // The attack.
    public string Attack { get; set; } = "fgsm";
    public LpNorm Norm { get; set; } = LpNorm.Linf;
    public double Epsilon { get; set; } = 0.3;
    public bool Unbounded { get; set; }
    public int? Steps { get; set; }
    public double? StepSize { get; set; }
    public bool RandomStart { get; set; } = true;
    public int EotSamples { get; set; } = (int)AttackKnobs.EotSamples.Knob.Default;

    /// <summary>The other knobs of the attacks (by catalog name; absent: the attack's default).</summary>
    public AttackKnobValues OtherKnobs { get; set; } = AttackKnobValues.Empty;

    /// <summary>The value given to an attack knob, or null when the attack's default is used.</summary>
    public double? KnobValue(AttackKnob knob) => knob.Setting switch
    {
        AttackSetting.Steps => Steps,
        AttackSetting.StepSize => StepSize,
        AttackSetting.Samples => EotSamples,
        _ => OtherKnobs.Get(knob.Option),
    };

    /// <summary>Sets an attack knob (null: the attack's default; EPGD's m has no default here and keeps its value).</summary>
    public void SetKnobValue(AttackKnob knob, double? value)
    {
        switch (knob.Setting)
        {
            case AttackSetting.Steps: Steps = value is { } n ? (int)n : null; break;
            case AttackSetting.StepSize: StepSize = value; break;
            case AttackSetting.Samples: EotSamples = value is { } m ? (int)m : EotSamples; break;
            default: OtherKnobs = OtherKnobs.With(knob.Option, value); break;
        }
    }

    /// <summary>The run's attacks: the one chosen, or one per series; unknown names left out.</summary>
    public IReadOnlyList<AttackEntry> Attacks() =>
        [.. (SeriesBy == SeriesByAttack ? KnobValues.Names(SeriesValuesText) : HasAttack ? [Attack] : []).Select(AttackCatalog.Find).OfType<AttackEntry>()];

    /// <summary>Targets of targeted attacks: "ll" (least likely), "random" or a class number.</summary>
    public string Target { get; set; } = "ll";

    public AttackSource Source { get; set; } = AttackSource.WhiteBox;
    public string SourceModel { get; set; } = "lenet-like";

    // The data and what to measure.
    public int Examples { get; set; } = 200;
    public int Seed { get; set; }
    public PlotMeasures Measures { get; set; } = PlotMeasures.CleanAccuracy | PlotMeasures.AdversarialAccuracy;

    /// <summary>The swept knob's page facts.</summary>
    public SweepKnob SweptKnob => SweepKnobs.Get(Knob);

    /// <summary>True when an attack runs.</summary>
    public bool HasAttack => Attack != NoAttack;

    /// <summary>The knob <see cref="SeriesBy"/> names, or null when series go by attack, by model or there is one series.</summary>
    public SweepKnob? SeriesKnob => SeriesBy is NoSeries or SeriesByAttack or SeriesByModel or SeriesBySource ? null : SweepKnobs.All.FirstOrDefault(k => k.Name == SeriesBy);

    /// <summary>Randomized smoothing is on: switched on, or swept (σ, n) — those knobs turn it.</summary>
    public bool UsesSmoothing => SmoothingOn || TouchesKnob(SweepKnobs.Sigma) || TouchesKnob(SweepKnobs.Samples);

    /// <summary>Input scaling is on: switched on, or swept.</summary>
    public bool UsesInputScale => InputScaleOn || TouchesKnob(SweepKnobs.InputScale);

    /// <summary>The activation knobs (κ, b, α) set the activation themselves when swept or varied per series.</summary>
    public bool ActivationFromKnob => SweptKnob.Group == "activation" || SeriesKnob?.Group == "activation";

    /// <summary>The activation spec of <see cref="Activation"/> and <see cref="ActivationValue"/> ("relu", "jumprelu:1").</summary>
    public string ActivationSpec => DefenseCatalog.Activation(Activation)?.Spec(ActivationValue) ?? $"{Activation}:{ActivationValue.ToString("R", CultureInfo.InvariantCulture)}";

    /// <summary>The measurements as a list, for a checkbox list.</summary>
    public IEnumerable<PlotMeasures> MeasureList
    {
        get => PlotMeasure.In(Measures).Select(m => m.Flag);
        set => Measures = (value ?? []).Aggregate(PlotMeasures.None, (all, m) => all | m);
    }

    /// <summary>The series values as a list, for a multi-select of attacks or models.</summary>
    public IEnumerable<string> SeriesValueList
    {
        get => KnobValues.Names(SeriesValuesText);
        set => SeriesValuesText = string.Join(", ", value ?? []);
    }

    /// <summary>The values of the swept knob (empty when they do not parse; <see cref="Validate"/> says why).</summary>
    /// <param name="limits">The plot limits in force (RobustLab:Limits; the defaults when null).</param>
    public IReadOnlyList<double> Values(PlotLimits? limits = null) => ValuesAndError(limits ?? PlotLimits.Default).Values;

    /// <summary>The values of the swept knob, or why they are not valid (too many for <paramref name="limits"/>, not numbers, …).</summary>
    public (IReadOnlyList<double> Values, string? Error) ValuesAndError(PlotLimits limits) => ValuesMode == ValuesMode.Range
        ? KnobValues.Range(RangeStart, RangeStop, RangeStep, ValueLimit(limits))
        : KnobValues.Parse(ValuesText, ValueLimit(limits));

    /// <summary>Every model the run reads (the model, the series' models, the source model).</summary>
    public IReadOnlyList<string> ModelNames()
    {
        var names = new List<string> { Model };
        if (SeriesBy == SeriesByModel) names.AddRange(KnobValues.Names(SeriesValuesText));
        if (Source == AttackSource.OtherModel && !TransferMatrix && SeriesBy != SeriesBySource) names.Add(SourceModel);
        return [.. names.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    // Values of one series: the points-per-series limit, or the side of a transfer matrix.
    private int ValueLimit(PlotLimits limits) => TransferMatrix ? TradeoffsLimits.MaxMatrixSide : limits.PointsPerSeries;

    private bool TouchesKnob(string name) => Knob == name || SeriesBy == name;
}
