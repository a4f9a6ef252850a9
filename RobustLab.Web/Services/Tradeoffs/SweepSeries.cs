using RobustLab.Engine.Sweeps;

namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>One series on the Trade-offs plot: its legend name, its colour, what it measures, the run it came from, and its points so far.</summary>
/// <param name="Color">The series's place in the plot's palette (<see cref="SweepPalette"/>: colour, and past ten series the dash); every measurement of one series shares it.</param>
/// <param name="Run">The run (1, 2, …) that computes it; runs added as series keep earlier runs' series on the plot.</param>
/// <param name="Points">The points measured so far, in the order they came.</param>
public sealed record SweepSeries(string Name, int Color, PlotMeasures Measures, int Run, IReadOnlyList<SweepPoint> Points);
