using Microsoft.AspNetCore.Components;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Catalog;
using RobustLab.Engine.Sweeps;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Web.Components.Tradeoffs;

// The attack (or, with one series per attack, the attacks) and the knobs they read, all from the engine's catalog.
public sealed partial class AttackSection
{
    private static readonly IReadOnlyList<Choice> AttackChoices =
        [new("none (clean accuracy only)", TradeoffsState.NoAttack), .. AttackCatalog.All.Select(a => new Choice(a.Title, a.Name))];

    private static readonly IReadOnlyList<Choice> TargetChoices =
        [new("least likely class", "ll"), new("random class", "random"), .. Enumerable.Range(0, 10).Select(c => new Choice($"class {c}", c.ToString()))];

    [Parameter, EditorRequired]
    public TradeoffsState State { get; set; } = default!;

    [Parameter]
    public IReadOnlyList<RegisteredModel> Models { get; set; } = [];

    [Parameter]
    public EventCallback Changed { get; set; }

    // The menus' texts: the choice's text, or the value itself when it is none of the choices (a link's unknown name).
    private static string AttackText(string? name) => AttackChoices.FirstOrDefault(c => c.Value == name)?.Text ?? name ?? "";

    private static string TargetText(string? target) => TargetChoices.FirstOrDefault(c => c.Value == target)?.Text ?? target ?? "";

    private string ModelText(string? name) => Choice.ModelText(Models, name);

    private IReadOnlyList<AttackEntry> Attacks => State.Attacks();

    // The norm the fields are shown in: the chosen one unless every attack of the run fixes its own.
    private LpNorm Norm => Attacks.Count > 0 && Attacks.All(a => a.FixedNorm is not null) ? Attacks[0].FixedNorm!.Value : State.Norm;

    // Every knob any of the run's attacks reads, once (the first attack's range and help), except the swept iterations.
    private IEnumerable<AttackKnob> Knobs => Attacks.SelectMany(a => a.Knobs).DistinctBy(k => k.Setting)
        .Where(k => k.Setting != AttackSetting.Steps || (State.Knob != SweepKnobs.IterationsName && State.SeriesBy != SweepKnobs.IterationsName));

    // Element ids: the names the page had before the catalog (steps, step-size, eot-samples), else the knob's name.
    public static string IdOf(AttackKnob knob) => knob.Setting switch
    {
        AttackSetting.StepSize => "step-size",
        AttackSetting.Samples => "eot-samples",
        _ => knob.Knob.Name,
    };

    private Task SetKnob(AttackKnob knob, double? value)
    {
        State.SetKnobValue(knob, value);
        return Changed.InvokeAsync();
    }

    private Task Set(Action change)
    {
        change();
        return Changed.InvokeAsync();
    }
}
