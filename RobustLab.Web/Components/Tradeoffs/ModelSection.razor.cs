using Microsoft.AspNetCore.Components;
using RobustLab.Engine.Defenses;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Web.Components.Tradeoffs;

// The model of the registry and the test-time defenses around it; a knob that sets a defense takes its control over.
public sealed partial class ModelSection
{
    private static readonly IReadOnlyList<Choice> ActivationChoices =
    [
        new("ReLU (as trained)", TradeoffsState.Relu),
        new("JumpReLU κ", TradeoffsState.JumpRelu),
        new("randomized JumpReLU b", TradeoffsState.RandomizedJumpRelu),
        new("SReLU α", TradeoffsState.SlopedRelu),
    ];

    private static readonly IReadOnlyList<SmoothingVote> Votes = Enum.GetValues<SmoothingVote>();

    [Parameter, EditorRequired]
    public TradeoffsState State { get; set; } = default!;

    [Parameter]
    public IReadOnlyList<RegisteredModel> Models { get; set; } = [];

    [Parameter]
    public EventCallback Changed { get; set; }

    private IEnumerable<Choice> ModelChoices => Models.Select(m => new Choice($"{m.Name} ({m.Architecture})", m.Name));

    private string ActivationValueName => State.Activation switch
    {
        TradeoffsState.JumpRelu => "κ",
        TradeoffsState.RandomizedJumpRelu => "b",
        _ => "α",
    };

    private string ActivationKnobSymbol => (State.KnobInfo.Group == "activation" ? State.KnobInfo : State.SeriesKnob!).Symbol;

    private Task ChangedAsync() => Changed.InvokeAsync();
}
