using RobustLab.Engine.Catalog;
using Microsoft.AspNetCore.Components;
using RobustLab.Engine.Defenses;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Web.Components.Tradeoffs;

// The model of the registry and the test-time defenses around it; a knob that sets a defense takes its control over.
public sealed partial class ModelSection
{
    private static readonly IReadOnlyList<Choice> ActivationChoices = [.. DefenseCatalog.Activations.Select(a => new Choice(a.Title, a.Name))];

    private static readonly IReadOnlyList<SmoothingVote> Votes = Enum.GetValues<SmoothingVote>();

    [Parameter, EditorRequired]
    public TradeoffsState State { get; set; } = default!;

    [Parameter]
    public IReadOnlyList<RegisteredModel> Models { get; set; } = [];

    [Parameter]
    public EventCallback Changed { get; set; }

    private IEnumerable<Choice> ModelChoices => Models.Select(m => new Choice($"{m.Name} ({m.Architecture})", m.Name));

    private string ActivationValueName => DefenseCatalog.Activation(State.Activation)?.Parameter?.Symbol ?? "α";

    private string ActivationKnobSymbol => (State.SweptKnob.Group == "activation" ? State.SweptKnob : State.SeriesKnob!).Symbol;

    private Task ChangedAsync() => Changed.InvokeAsync();
}
