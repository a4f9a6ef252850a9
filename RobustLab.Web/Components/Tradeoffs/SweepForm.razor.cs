using Microsoft.AspNetCore.Components;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Web.Components.Tradeoffs;

// The settings card's sections, each bound to the same state; every change is reported to the page (restart banner, buttons).
public sealed partial class SweepForm
{
    [Parameter, EditorRequired]
    public TradeoffsState State { get; set; } = default!;

    /// <summary>The models of the registry (built-ins first).</summary>
    [Parameter]
    public IReadOnlyList<RegisteredModel> Models { get; set; } = [];

    /// <summary>Raised after every change of a setting.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    private Task Set(Action change)
    {
        change();
        return Changed.InvokeAsync();
    }

    private Task SetMeasure(PlotMeasures flag, bool on) => Set(() => State.Measures = on ? State.Measures | flag : State.Measures & ~flag);
}
