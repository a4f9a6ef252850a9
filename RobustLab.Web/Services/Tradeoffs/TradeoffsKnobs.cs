using RobustLab.Engine.Catalog;

namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>The Trade-offs page's number fields that are no catalog knob, as knobs (ranges from <see cref="TradeoffsLimits"/> and
/// the link's checks), so that its number boxes read text the way every other box does (<see cref="NumberText"/>).</summary>
public static class TradeoffsKnobs
{
    public static Knob Examples { get; } = new("examples", "n", "test images (first n)", 1, TradeoffsLimits.MaxExamples, 200, 1,
        "Every point is measured on the first n images of the test set; more images, smaller error bars and longer runs.") { Integer = true };

    /// <summary>The catalog's seed, up to what a link may carry.</summary>
    public static Knob Seed { get; } = CommonKnobs.Seed with { Max = int.MaxValue };

    /// <summary>The start or the stop of a range of <paramref name="knob"/>'s values: its range, one more decimal than its step.</summary>
    public static Knob RangeEnd(Knob knob, string name, string label) => knob with { Name = name, Label = label, Step = knob.Step / 10 };

    /// <summary>The step of a range of <paramref name="knob"/>'s values: above 0, at most the knob's whole range.</summary>
    public static Knob RangeStep(Knob knob) => knob with
    {
        Name = "step", Symbol = "step", Label = "step", Min = 0, MinExclusive = true, Max = Math.Max(knob.Max - knob.Min, knob.Step),
        Default = knob.Step, Step = knob.Integer ? 1 : knob.Step / 10,
        Help = $"The distance between two values of {knob.Symbol}.", Source = null,
    };
}
