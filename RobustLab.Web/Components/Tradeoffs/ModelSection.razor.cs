using RobustLab.Engine.Catalog;
using Microsoft.AspNetCore.Components;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Web.Components.Tradeoffs;

// The model of the registry and the test-time defenses around it; a knob that sets a defense takes its control over.
public sealed partial class ModelSection
{
    [Parameter, EditorRequired]
    public TradeoffsState State { get; set; } = default!;

    [Parameter]
    public IReadOnlyList<RegisteredModel> Models { get; set; } = [];

    [Parameter]
    public EventCallback Changed { get; set; }

    private string ModelText(string? name) => Choice.ModelText(Models, name);

    private static string ActivationText(string? name) => DefenseCatalog.Activation(name)?.Title ?? name ?? "";

    private string ActivationKnobSymbol => (State.SweptKnob.Group == "activation" ? State.SweptKnob : State.SeriesKnob!).Symbol;

    private Task Set(Action change)
    {
        change();
        return Changed.InvokeAsync();
    }
}
