using RobustLab.Engine.Attacks;
using RobustLab.Engine.Catalog;
using RobustLab.Engine.Sweeps;
using Microsoft.AspNetCore.Components;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Web.Components.Tradeoffs;

// "One series per": nothing, an attack, a model, where the attack is crafted, or a knob that sets something other than the swept one.
public sealed partial class SeriesSection
{
    private static readonly IReadOnlyList<Choice> SourceChoices =
        [new("the model (white-box)", TradeoffsState.WhiteBox), new("its undefended twin (gray-box)", TradeoffsState.GrayBox)];

    [Parameter, EditorRequired]
    public TradeoffsState State { get; set; } = default!;

    [Parameter]
    public IReadOnlyList<RegisteredModel> Models { get; set; } = [];

    [Parameter]
    public EventCallback Changed { get; set; }

    private string ModelText(string? name) => Choice.ModelText(Models, name);

    // The catalog's title ("Step l.l.: towards the least likely class"), never the bare name, unless the name is unknown.
    private static string AttackText(string? name) => AttackCatalog.Find(name)?.Title ?? name ?? "";

    private static string SourceText(string? value) => SourceChoices.FirstOrDefault(c => c.Value == value)?.Text ?? value ?? "";

    private string SeriesByText(string? value) => SeriesChoices.FirstOrDefault(c => c.Value == value)?.Text ?? value ?? "";

    // The box says how many; the chips under it say which, each in full.
    private static string Count(IEnumerable<string?>? values, string noun)
    {
        int n = values?.Count() ?? 0;
        return n == 1 ? $"1 {noun}" : $"{n} {noun}s";
    }

    private IEnumerable<Choice> SeriesChoices =>
    [
        new("— one series —", TradeoffsState.NoSeries),
        new("attack", TradeoffsState.SeriesByAttack),
        new("model", TradeoffsState.SeriesByModel),
        new("where the attack is crafted", TradeoffsState.SeriesBySource),
        .. SweepKnobs.All.Where(k => k.Group != State.SweptKnob.Group).Select(k => new Choice(k.Title, k.Name)),
    ];

    private Task Set(Action change)
    {
        change();
        return Changed.InvokeAsync();
    }

    private IReadOnlyCollection<string> SeriesValues => [.. State.SeriesValueList];

    private Task SetSeriesValues(IReadOnlyCollection<string?>? values) => Set(() => State.SeriesValueList = [.. (values ?? []).OfType<string>()]);

    private Task RemoveSeriesValue(string value) => Set(() => State.SeriesValueList = [.. State.SeriesValueList.Where(v => v != value)]);

    // A new series setting: example values to start from.
    private Task OnSeriesByChanged(string? seriesBy)
    {
        State.SeriesBy = seriesBy ?? TradeoffsState.NoSeries;
        State.SeriesValuesText = State.SeriesBy switch
        {
            TradeoffsState.SeriesByAttack => State.HasAttack ? State.Attack : "fgsm",
            TradeoffsState.SeriesByModel => string.Join(", ", Models.Take(2).Select(m => m.Name)),
            TradeoffsState.SeriesBySource => $"{TradeoffsState.WhiteBox}, {TradeoffsState.GrayBox}",
            SweepKnobs.Kappa => "0, 0.25, 0.5",
            SweepKnobs.B => "0.5, 1",
            SweepKnobs.Alpha => "1, 10, 100",
            SweepKnobs.Sigma => "0.1, 0.25, 0.5",
            SweepKnobs.Samples => "4, 16, 64",
            SweepKnobs.InputScale => "1, 2, 5, 10",
            SweepKnobs.Epsilon => "0.05, 0.1, 0.2",
            SweepKnobs.IterationsName => "10, 40",
            _ => "",
        };
        return Changed.InvokeAsync();
    }
}
