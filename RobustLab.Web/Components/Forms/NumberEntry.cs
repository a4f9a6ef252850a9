using System.Globalization;
using RobustLab.Engine.Catalog;

namespace RobustLab.Web.Components.Forms;

/// <summary>
/// What a number box for a <see cref="Knob"/> shows while the user types — the one state machine behind the Lab's NumberBox,
/// KnobField and OptionalKnobField: <see cref="NumberText"/> reads the text (a decimal comma or point, exponents), text that
/// is no number is refused with a message and stays on screen, and a value fitted to the knob says so ("set to 1, the maximum").
/// </summary>
public sealed class NumberEntry(bool allowEmpty = false)
{
    private double? _shown = double.NaN;
    private bool _handedOn; // a typed value was just handed on: the next value from the state answers it

    public string Text { get; private set; } = "";

    /// <summary>What became of the last typing (refused, or fitted to the knob); null when it was taken as typed.</summary>
    public string? Message { get; private set; }

    public bool Rejected { get; private set; }

    /// <summary>A value from the state (the component's parameter): a new one replaces the text, and the note about the last
    /// typing goes with it — unless it is the state's answer to that typing (it may fit it further: α ≤ ε), which keeps it.</summary>
    public void Show(double? value, Knob knob)
    {
        bool handedOn = _handedOn;
        _handedOn = false;
        if (Nullable.Equals(value, _shown)) return;
        if (!handedOn && _shown is not double.NaN) (Message, Rejected) = (null, false);
        (_shown, Text) = (value, value is { } v ? knob.Format(v) : "");
    }

    /// <summary>Reads what was typed; true with the value to hand on (null: an empty box, when allowed), false when refused.</summary>
    public bool TryRead(string? text, Knob knob, out double? value)
    {
        value = null;
        if (allowEmpty && string.IsNullOrWhiteSpace(text))
        {
            (Message, Rejected, _shown, Text, _handedOn) = (null, false, null, "", true);
            return true;
        }
        var reading = NumberText.Read(text, knob, CultureInfo.CurrentCulture);
        (Message, Rejected) = (reading.Message, reading.Rejected);
        if (reading.Value is not { } read)
        {
            Text = text ?? "";
            return false;
        }
        (_shown, Text, _handedOn, value) = (read, knob.Format(read), true, read);
        return true;
    }
}
