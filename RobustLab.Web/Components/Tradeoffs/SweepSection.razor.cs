using RobustLab.Engine.Catalog;
using RobustLab.Engine.Sweeps;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using RobustLab.Web.Services.Limits;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Web.Components.Tradeoffs;

// The knob and its values, with a preview of the values (or what is wrong with them).
public sealed partial class SweepSection
{
    [Parameter, EditorRequired]
    public TradeoffsState State { get; set; } = default!;

    [Parameter]
    public EventCallback Changed { get; set; }

    [Inject]
    private IOptions<LimitsOptions> Limits { get; set; } = default!;

    // The swept knob in the units the attack measures ε in (its range is the start's and the stop's).
    private Knob Swept => State.SweptKnob.For(State.Attacks() is { Count: > 0 } attacks && attacks.All(a => a.FixedNorm is not null) ? attacks[0].FixedNorm!.Value : State.Norm);

    private static string KnobText(string? name) => SweepKnobs.Find(name)?.Title ?? name ?? "";

    // The range the values may take, and the value the knob has when it is not swept (where that default comes from).
    private string RangeHelp => $"{Swept.Symbol} takes {Swept.RangeText}; unswept it is {Swept.Format(Swept.Default)}{(Swept.Source is { } source ? $" ({source})" : "")}.";

    private string ValuesPreview
    {
        get
        {
            var (values, error) = State.ValuesAndError(Limits.Value.Plot);
            if (error is not null) return error;
            var shown = values.Count <= 8 ? KnobValues.Join(values) : $"{KnobValues.Join(values.Take(4))}, …, {KnobValues.Join(values.TakeLast(2))}";
            return $"{values.Count} value{(values.Count == 1 ? "" : "s")}: {State.SweptKnob.Symbol} = {shown}";
        }
    }

    private Task Set(Action change)
    {
        change();
        return Changed.InvokeAsync();
    }

    // A new knob: its usual range, and no series over a knob that now sets the same thing.
    private Task OnKnobChanged(string? name)
    {
        State.Knob = name ?? SweepKnobs.Epsilon;
        var knob = State.SweptKnob;
        (State.RangeStart, State.RangeStop, State.RangeStep) = knob.Name switch
        {
            SweepKnobs.Kappa => (0.0, 1.0, 0.125),
            SweepKnobs.B => (0.25, 1.0, 0.125),
            SweepKnobs.Alpha => (1.0, 10.0, 1.0),
            SweepKnobs.Sigma => (0.0, 0.5, 0.1),
            SweepKnobs.Samples => (1.0, 33.0, 8.0),
            SweepKnobs.InputScale => (1.0, 10.0, 1.0),
            SweepKnobs.IterationsName => (0.0, 40.0, 5.0),
            _ => (0.0, 0.3, 0.05),
        };
        State.ValuesMode = ValuesMode.Range;
        if (State.SeriesKnob is { } by && by.Group == knob.Group) (State.SeriesBy, State.SeriesValuesText) = (TradeoffsState.NoSeries, "");
        if (!knob.ChangesModel) State.TransferMatrix = false;
        return Changed.InvokeAsync();
    }
}
