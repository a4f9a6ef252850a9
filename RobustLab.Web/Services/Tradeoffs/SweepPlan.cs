using RobustLab.Engine.Attacks;
using RobustLab.Engine.Sweeps;

namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>A run of the Trade-offs page as the engine runs it: one <see cref="SweepRequest"/> per series, one after the other.</summary>
/// <param name="Knob">The swept knob (the x axis; the columns of a transfer matrix).</param>
/// <param name="Norm">The attack's norm, for the ε axis title.</param>
/// <param name="Values">The knob's values.</param>
/// <param name="SourceValues">The rows of a transfer matrix (JumpReLU Fig. 7); null for curves.</param>
/// <param name="Requests">One sweep per series; <see cref="SweepRequest.SeriesLabel"/> names each.</param>
/// <param name="Measures">What the plot shows.</param>
/// <param name="Description">One line: model, knob, attack, series, test images.</param>
/// <param name="Work">Estimated example-gradients (see <see cref="TradeoffsLimits.MaxWork"/>).</param>
public sealed record SweepPlan(string Knob, LpNorm Norm, IReadOnlyList<double> Values, IReadOnlyList<double>? SourceValues,
    IReadOnlyList<SweepRequest> Requests, PlotMeasures Measures, string Description, double Work)
{
    /// <summary>True for a gray-box transfer matrix (a heatmap), false for curves.</summary>
    public bool IsMatrix => SourceValues is not null;

    /// <summary>Points over all series.</summary>
    public int PointCount => Requests.Sum(r => r.PointCount);
}
