using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace RobustLab.Web.Components.Lab;

public sealed partial class RangeInput
{
    private double _rendered, _dom;
    private int _generation;
    private bool _initialized, _mustRender;
    private (double, double, double, bool, string?) _frame;

    [Parameter, EditorRequired] public double Value { get; set; }
    [Parameter] public EventCallback<double> ValueChanged { get; set; }
    [Parameter] public double Min { get; set; }
    [Parameter] public double Max { get; set; } = 1;
    [Parameter] public double Step { get; set; } = 0.01;
    [Parameter] public bool Disabled { get; set; }
    [Parameter] public string? Id { get; set; }
    [Parameter] public string? AriaLabel { get; set; }
    [Parameter] public string? ValueText { get; set; }

    protected override void OnParametersSet()
    {
        if (!_initialized)
        {
            (_rendered, _dom, _initialized, _mustRender) = (Value, Value, true, true);
        }
        else if (Value != _dom)
        {
            // The server's value differs from what the element shows: render it, re-creating the element when
            // the value attribute would not change (it still holds an older value the user has since moved away from).
            if (Value == _rendered) _generation++;
            (_rendered, _dom, _mustRender) = (Value, Value, true);
        }
        var frame = (Min, Max, Step, Disabled, ValueText);
        if (frame != _frame) (_frame, _mustRender) = (frame, true);
    }

    protected override bool ShouldRender()
    {
        bool render = _mustRender;
        _mustRender = false;
        return render;
    }

    private Task OnInput(ChangeEventArgs e)
    {
        if (!double.TryParse(e.Value?.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return Task.CompletedTask;
        _dom = value;
        return ValueChanged.InvokeAsync(value);
    }

    private ElementReference _element;

    /// <summary>Moves the keyboard focus to the slider.</summary>
    public ValueTask FocusAsync() => _element.FocusAsync();

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
