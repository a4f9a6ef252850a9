using Microsoft.AspNetCore.Components;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Defenses;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Web.Components.Tradeoffs;

// The form's choices, derived from the state and the catalogs; every change is reported to the page (restart banner, buttons).
public sealed partial class SweepForm
{
    private sealed record Choice(string Text, string Value);

    private static readonly IReadOnlyList<Choice> ActivationChoices =
    [
        new("ReLU (as trained)", TradeoffsState.Relu),
        new("JumpReLU κ", TradeoffsState.JumpRelu),
        new("randomized JumpReLU b", TradeoffsState.RandomizedJumpRelu),
        new("SReLU α", TradeoffsState.SlopedRelu),
    ];

    private static readonly IReadOnlyList<Choice> AttackChoices =
        [new("none (clean accuracy only)", TradeoffsState.NoAttack), .. AttackCatalog.Names.Select(n => new Choice(n, n))];

    private static readonly IReadOnlyList<Choice> TargetChoices =
        [new("least likely class", "ll"), new("random class", "random"), .. Enumerable.Range(0, 10).Select(c => new Choice($"class {c}", c.ToString()))];

    private static readonly IReadOnlyList<SmoothingVote> Votes = Enum.GetValues<SmoothingVote>();

    private static readonly IReadOnlyList<Choice> SourceChoices =
        [new("the model (white-box)", TradeoffsState.WhiteBox), new("its undefended twin (gray-box)", TradeoffsState.GrayBox)];

    [Parameter, EditorRequired]
    public TradeoffsState State { get; set; } = default!;

    /// <summary>The models of the registry (built-ins first).</summary>
    [Parameter]
    public IReadOnlyList<RegisteredModel> Models { get; set; } = [];

    /// <summary>Raised after every change of a setting.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    private IEnumerable<Choice> ModelChoices => Models.Select(m => new Choice($"{m.Name} ({m.Architecture})", m.Name));

    private IEnumerable<string> ModelNames => Models.Select(m => m.Name);

    // "One series per": nothing, an attack, a model, or a knob that sets something other than the swept knob.
    private IEnumerable<Choice> SeriesChoices =>
    [
        new("— one series —", TradeoffsState.NoSeries),
        new("attack", TradeoffsState.SeriesByAttack),
        new("model", TradeoffsState.SeriesByModel),
        new("where the attack is crafted", TradeoffsState.SeriesBySource),
        .. KnobInfo.All.Where(k => k.Group != State.KnobInfo.Group).Select(k => new Choice(k.Title, k.Name)),
    ];

    // The fields of the run's attacks (all of them when there is one series per attack); null without an attack.
    private AttackFields? Fields
    {
        get
        {
            var names = (State.SeriesBy == TradeoffsState.SeriesByAttack ? State.SeriesValueList : State.HasAttack ? [State.Attack] : [])
                .Where(AttackCatalog.Names.Contains).Select(AttackFields.For).ToArray();
            if (names.Length == 0) return null;
            return new AttackFields(
                names.All(f => f.FixedNorm is not null) ? names[0].FixedNorm : null,
                names.Any(f => f.Steps), names.Any(f => f.StepSize), names.Any(f => f.RandomStart), names.Any(f => f.EotSamples),
                names.Any(f => f.Targeted), names.Any(f => f.MinimalPerturbation));
        }
    }

    private string ActivationValueName => State.Activation switch
    {
        TradeoffsState.JumpRelu => "κ",
        TradeoffsState.RandomizedJumpRelu => "b",
        _ => "α",
    };

    private string ActivationKnobSymbol => (State.KnobInfo.Group == "activation" ? State.KnobInfo : State.SeriesKnob!).Symbol;

    private string NumberStep => State.KnobInfo.Integer ? "1" : "0.05";

    private string ValuesPreview
    {
        get
        {
            var (values, error) = State.ValuesMode == ValuesMode.Range
                ? KnobValues.Range(State.RangeStart, State.RangeStop, State.RangeStep, State.TransferMatrix ? TradeoffsLimits.MaxMatrixSide : TradeoffsLimits.MaxValues)
                : KnobValues.Parse(State.ValuesText, State.TransferMatrix ? TradeoffsLimits.MaxMatrixSide : TradeoffsLimits.MaxValues);
            if (error is not null) return error;
            var shown = values.Count <= 8 ? KnobValues.Join(values) : $"{KnobValues.Join(values.Take(4))}, …, {KnobValues.Join(values.TakeLast(2))}";
            return $"{values.Count} value{(values.Count == 1 ? "" : "s")}: {State.KnobInfo.Symbol} = {shown}";
        }
    }

    private Task ChangedAsync() => Changed.InvokeAsync();

    // A new knob: its usual range, and no series over a knob that now sets the same thing.
    private Task OnKnobChanged()
    {
        var knob = State.KnobInfo;
        (State.RangeStart, State.RangeStop, State.RangeStep) = knob.Name switch
        {
            KnobInfo.Kappa => (0, 1.2, 0.2),
            KnobInfo.B => (0.2, 1.4, 0.2),
            KnobInfo.Alpha => (1, 10, 1),
            KnobInfo.Sigma => (0, 0.5, 0.125),
            KnobInfo.Samples => (1, 33, 8),
            KnobInfo.InputScale => (1, 10, 1),
            KnobInfo.Iterations => (0, 40, 5),
            _ => (0, 0.3, 0.05),
        };
        State.ValuesMode = ValuesMode.Range;
        if (State.SeriesKnob is { } by && by.Group == knob.Group) (State.SeriesBy, State.SeriesValuesText) = (TradeoffsState.NoSeries, "");
        if (!knob.ChangesModel) State.TransferMatrix = false;
        return ChangedAsync();
    }

    // A new series setting: example values to start from.
    private Task OnSeriesByChanged()
    {
        State.SeriesValuesText = State.SeriesBy switch
        {
            TradeoffsState.SeriesByAttack => State.HasAttack ? State.Attack : "fgsm",
            TradeoffsState.SeriesByModel => string.Join(", ", Models.Take(2).Select(m => m.Name)),
            TradeoffsState.SeriesBySource => $"{TradeoffsState.WhiteBox}, {TradeoffsState.GrayBox}",
            KnobInfo.Kappa => "0, 0.5, 1",
            KnobInfo.B => "0.5, 1",
            KnobInfo.Alpha => "1, 10, 100",
            KnobInfo.Sigma => "0.125, 0.25, 0.5",
            KnobInfo.Samples => "4, 16, 64",
            KnobInfo.InputScale => "1, 2, 5, 10",
            KnobInfo.Epsilon => "0.05, 0.1, 0.2",
            KnobInfo.Iterations => "10, 40",
            _ => "",
        };
        return ChangedAsync();
    }
}
