using Microsoft.AspNetCore.Components;
using RobustLab.Engine.Attacks;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Web.Components.Tradeoffs;

// The attack (or, with one series per attack, the attacks) and the settings they read.
public sealed partial class AttackSection
{
    private static readonly IReadOnlyList<Choice> AttackChoices =
        [new("none (clean accuracy only)", TradeoffsState.NoAttack), .. AttackCatalog.Names.Select(n => new Choice(n, n))];

    private static readonly IReadOnlyList<Choice> TargetChoices =
        [new("least likely class", "ll"), new("random class", "random"), .. Enumerable.Range(0, 10).Select(c => new Choice($"class {c}", c.ToString()))];

    [Parameter, EditorRequired]
    public TradeoffsState State { get; set; } = default!;

    [Parameter]
    public IReadOnlyList<RegisteredModel> Models { get; set; } = [];

    [Parameter]
    public EventCallback Changed { get; set; }

    private IEnumerable<Choice> ModelChoices => Models.Select(m => new Choice($"{m.Name} ({m.Architecture})", m.Name));

    // The fields of the run's attacks (any of them reads it: shown); null without an attack.
    private AttackFields? Fields
    {
        get
        {
            var fields = (State.SeriesBy == TradeoffsState.SeriesByAttack ? State.SeriesValueList : State.HasAttack ? [State.Attack] : [])
                .Where(AttackCatalog.Names.Contains).Select(AttackFields.For).ToArray();
            if (fields.Length == 0) return null;
            return new AttackFields(
                fields.All(f => f.FixedNorm is not null) ? fields[0].FixedNorm : null,
                fields.Any(f => f.Steps), fields.Any(f => f.StepSize), fields.Any(f => f.RandomStart), fields.Any(f => f.EotSamples),
                fields.Any(f => f.Targeted), fields.Any(f => f.MinimalPerturbation));
        }
    }

    private Task ChangedAsync() => Changed.InvokeAsync();
}
