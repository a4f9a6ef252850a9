using System.Globalization;

namespace RobustLab.Engine.Sweeps;

/// <summary>A sweep: one knob turned over a list of values around a setup, or (with <see cref="SourceValues"/>) the 2-D transfer matrix.</summary>
/// <remarks>
/// With <see cref="SourceValues"/> the knob must change the model, and the sweep is the gray-box transfer matrix of
/// JumpReLU App. A (Fig. 7): cell (i, j) attacks the model at <c>SourceValues[i]</c> and measures the model at
/// <c>Values[j]</c>; rows come one after the other, and one row's adversarial examples are crafted once.
/// For the "iterations" knob the values must increase strictly: they are read off one attack run.
/// </remarks>
/// <param name="Setup">The model, attack and data around which the knob turns.</param>
/// <param name="Knob">A <see cref="SweepKnobs"/> name; null for a single point at the setup itself (no values).</param>
/// <param name="Values">The knob's values, in the order the points come (the target model's values in a transfer matrix).</param>
/// <param name="SourceValues">Source-model values of a transfer matrix (rows); null for a 1-D sweep.</param>
/// <param name="Series">A label for the series (a default one is made from the setup when null).</param>
/// <param name="Measures">What to measure at each point.</param>
public sealed record SweepRequest(
    SweepSetup Setup,
    string? Knob,
    IReadOnlyList<double> Values,
    IReadOnlyList<double>? SourceValues = null,
    string? Series = null,
    SweepMeasures Measures = SweepMeasures.All)
{
    /// <summary>Points the sweep yields.</summary>
    public int PointCount => Knob is null ? 1 : Values.Count * (SourceValues?.Count ?? 1);

    /// <summary>The series label: <see cref="Series"/>, or "lenet-like · kappa · pgd L∞ ε=0.3 steps=40".</summary>
    public string SeriesLabel => Series ?? string.Join(" · ", new[]
    {
        Knob is not null && SweepKnobs.Get(Knob).ChangesModel ? Setup.Model.Name ?? Setup.Model.Architecture : Setup.Model.Label,
        SourceValues is null ? Knob : $"source {Knob} × target {Knob}",
        Setup.DescribeAttack(withEpsilon: Knob != "eps", withSteps: Knob != SweepKnobs.Iterations.Name) ?? "clean",
        Setup.Source is null || SourceValues is not null ? null : $"crafted on {Setup.Source.Label}",
    }.Where(p => p is not null));

    /// <summary>Every point's setup, validated; throws <see cref="ArgumentException"/> naming the first bad value.</summary>
    internal IReadOnlyList<SweepCell> Cells()
    {
        if (Knob is null)
        {
            if (Values.Count > 0 || SourceValues is not null) throw new ArgumentException("Values need a knob to turn.");
            return [new SweepCell(0, null, null, Setup.Validate())];
        }
        var knob = SweepKnobs.Get(Knob);
        if (Values.Count == 0) throw new ArgumentException($"A sweep over {Knob} needs at least one value.");
        if (knob == SweepKnobs.Iterations)
        {
            if (SourceValues is not null) throw new ArgumentException("A transfer matrix turns a model knob, not iterations.");
            for (int i = 1; i < Values.Count; i++)
                if (Values[i] <= Values[i - 1]) throw new ArgumentException($"Iterations must increase strictly (they are read off one run), got {Format(Values[i - 1])} then {Format(Values[i])}.");
        }
        Setup.Validate();
        var cells = new List<SweepCell>(PointCount);
        if (SourceValues is null)
        {
            for (int i = 0; i < Values.Count; i++) cells.Add(new SweepCell(i, Values[i], null, knob.Apply(Setup, Values[i]).Validate()));
            return cells;
        }
        if (!knob.ChangesModel) throw new ArgumentException($"A transfer matrix turns a model knob; '{Knob}' changes the attack.");
        if (SourceValues.Count == 0) throw new ArgumentException("A transfer matrix needs at least one source value.");
        var source = Setup.Attacker;
        for (int i = 0; i < SourceValues.Count; i++)
            for (int j = 0; j < Values.Count; j++)
                cells.Add(new SweepCell(i * Values.Count + j, Values[j], SourceValues[i],
                    (Setup with { Source = knob.ApplyToModel(source, SourceValues[i]), Model = knob.ApplyToModel(Setup.Model, Values[j]) }).Validate()));
        return cells;
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>One point to compute: its place in the request and its setup.</summary>
internal sealed record SweepCell(int Index, double? Value, double? SourceValue, SweepSetup Setup);
