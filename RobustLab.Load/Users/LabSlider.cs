using System.Globalization;
using RobustLab.Load.Blazor;

namespace RobustLab.Load.Users;

/// <summary>One of the Lab's sliders the users drag, and how the page shows the value of the result it displays.</summary>
/// <param name="RangeId">The id of its &lt;input type=range&gt;.</param>
/// <param name="Shown">Reads, from #lab-views, the value of this knob in the result shown (null before any result).</param>
internal sealed record LabSlider(string Name, string RangeId, double Min, double Max, double Step, Func<DomElement, double?> Shown)
{
    /// <summary>ε (L∞), shown as data-epsilon. The users keep to [0, 0.5] (beyond, every image is lost anyway).</summary>
    public static LabSlider Epsilon { get; } = new("epsilon", "epsilon-range", 0, 0.5, 0.005, views => Number(views.Attribute("data-epsilon")));

    /// <summary>JumpReLU's κ, shown in data-activation ("jumprelu:κ").</summary>
    public static LabSlider Kappa { get; } = new("kappa", "kappa-range", 0, 3, 0.05, views =>
        views.Attribute("data-activation") is { } spec && spec.StartsWith("jumprelu:", StringComparison.Ordinal) ? Number(spec["jumprelu:".Length..]) : null);

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The same slider position: within a fraction of a step (the server keeps ε as a float).</summary>
    public bool Same(double a, double b) => Math.Abs(a - b) < Step / 100;

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
