using RobustLab.Engine.Catalog;
using RobustLab.Engine.Sweeps;
using RobustLab.Engine.Attacks;

namespace RobustLab.Web.Services.Tradeoffs;

// Server-side checks of every setting: ranges, sizes, counts and combinations, each with a message that names the field.
public sealed partial record TradeoffsState
{
    /// <summary>Every problem with the settings, in form order; empty when they make a valid run (the models' existence
    /// and the engine's own checks come in <see cref="ToPlan"/>).</summary>
    /// <param name="limits">The plot limits in force (RobustLab:Limits; the defaults when null).</param>
    public IReadOnlyList<string> Validate(PlotLimits? limits = null)
    {
        limits ??= PlotLimits.Default;
        var errors = new List<string>();
        if (SweepKnobs.All.All(k => k.Name != Knob)) return [$"Unknown knob '{Knob}'."];
        var knob = SweptKnob;
        var (values, valuesError) = ValuesAndError(limits);
        if (valuesError is not null) errors.Add($"Values of {knob.Symbol}: {valuesError}.");
        var attacks = new List<AttackEntry>();
        var attackErrors = CheckAttacks(attacks, knob);
        // ε is bounded by 1 (L∞) when any attack of the run measures it in L∞, else by the L2 bound.
        var norm = attacks.Any(a => a.Norm(Norm) == LpNorm.Linf) ? LpNorm.Linf : LpNorm.L2;
        CheckValues(errors, knob, values, "Values", norm);
        if (knob.Name == SweepKnobs.IterationsName && values.Zip(values.Skip(1)).Any(p => p.Second <= p.First))
            errors.Add("Values of t: iterations must increase (every t is read off one attack run).");

        if (string.IsNullOrWhiteSpace(Model)) errors.Add("Choose a model.");
        CheckDefenses(errors);
        errors.AddRange(attackErrors);
        CheckSweepShape(errors, knob, values, attacks, norm, limits);

        if (Examples is < 1 or > TradeoffsLimits.MaxExamples) errors.Add($"Test images: 1 to {TradeoffsLimits.MaxExamples:N0}, got {Examples:N0}.");
        if (Seed < 0) errors.Add($"The seed must be ≥ 0, got {Seed}.");
        if (Measures == PlotMeasures.None) errors.Add("Choose at least one measurement.");
        else if (!HasAttack && Measures != PlotMeasures.CleanAccuracy)
            errors.Add("Without an attack only clean accuracy can be measured: choose an attack, or measure clean accuracy alone.");
        if ((Measures & PlotMeasures.TransferRate) != 0 && Source == AttackSource.WhiteBox && !TransferMatrix && SeriesBy != SeriesBySource)
            errors.Add("The transfer rate measures a transfer attack: craft on the ReLU twin or another model, or draw a transfer matrix.");
        if (SeriesName.Length > TradeoffsLimits.MaxSeriesName) errors.Add($"The series name is longer than {TradeoffsLimits.MaxSeriesName} characters.");
        return errors;
    }

    private void CheckDefenses(List<string> errors)
    {
        if (!ActivationFromKnob)
        {
            var problem = DefenseCatalog.Activation(Activation) is not { } activation ? $"unknown activation '{Activation}'"
                : activation.Parameter?.Check(ActivationValue) is { } bad ? $"{activation.ShortTitle} {bad}" : null;
            if (problem is not null) errors.Add($"Activation: {problem}.");
        }
        if (UsesInputScale && SweepKnobs.Get(SweepKnobs.InputScale).Check(InputScale) is { } scale) errors.Add($"Input scaling: {scale}.");
        if (UsesSmoothing)
        {
            if (SweepKnobs.Get(SweepKnobs.Sigma).Check(Sigma) is { } sigma) errors.Add($"Smoothing: {sigma}.");
            if (SweepKnobs.Get(SweepKnobs.Samples).Check(SmoothingSamples) is { } n) errors.Add($"Smoothing: {n}.");
        }
    }

    // The attacks of the run (one, or one per series), each checked with the settings it reads.
    private List<string> CheckAttacks(List<AttackEntry> attacks, SweepKnob knob)
    {
        var errors = new List<string>();
        var names = SeriesBy == SeriesByAttack ? KnobValues.Names(SeriesValuesText) : HasAttack ? [Attack] : [];
        foreach (var name in names)
        {
            if (!AttackCatalog.Names.Contains(name)) errors.Add($"Unknown attack '{name}'. Known: {string.Join(", ", AttackCatalog.Names)}.");
            else attacks.Add(AttackCatalog.Get(name));
        }
        if (!HasAttack && SeriesBy != SeriesByAttack)
        {
            if (!knob.ChangesModel) errors.Add($"The knob {knob.Symbol} turns the attack: choose an attack.");
            return errors;
        }
        bool anyBounded = attacks.Any(a => !(Unbounded && a.MinimalPerturbation));
        if (anyBounded && knob.Name != SweepKnobs.Epsilon && SeriesBy != SweepKnobs.Epsilon
            && SweepKnobs.Get(SweepKnobs.Epsilon).Check(Epsilon, attacks.Count > 0 && attacks.All(a => a.Norm(Norm) == LpNorm.L2) ? LpNorm.L2 : LpNorm.Linf) is { } eps)
            errors.Add($"Attack budget: {eps}.");
        if (Unbounded && (knob.Name == SweepKnobs.Epsilon || SeriesBy == SweepKnobs.Epsilon))
            errors.Add("An unbounded attack has no budget to vary: switch 'unbounded' off to sweep ε.");
        // Every knob a run's attack reads, checked against the catalog's range in the attack's norm (one definition with the Lab and the CLI).
        foreach (var (attackKnob, attackNorm) in attacks.SelectMany(a => a.Knobs.Select(k => (k, a.Norm(Norm)))).DistinctBy(k => k.Item1.For(k.Item2)))
        {
            if (attackKnob.Setting == AttackSetting.Steps && (knob.Name == SweepKnobs.IterationsName || SeriesBy == SweepKnobs.IterationsName)) continue;
            var range = attackKnob.For(attackNorm);
            if (KnobValue(attackKnob) is { } value && range.Check(value) is { } problem) errors.Add($"{Capital(range.Label)}: {problem}.");
        }
        if (attacks.Any(a => a.Targeted))
        {
            try
            {
                if (TargetChoice.Parse(Target).Class is > 9) errors.Add($"Target class: 0 to 9, got {Target}.");
            }
            catch (FormatException e)
            {
                errors.Add(e.Message);
            }
        }
        if ((knob.Name == SweepKnobs.IterationsName || SeriesBy == SweepKnobs.IterationsName) && attacks.FirstOrDefault(a => !a.Iterative) is { Name: { } oneStep })
            errors.Add($"The iterations knob needs an iterative attack ({string.Join(", ", AttackCatalog.All.Where(a => a.Iterative).Select(a => a.Name))}); {oneStep} is not one.");
        return errors;
    }

    // Series, transfer matrix and source: the combinations that make sense, and the size of the run.
    private void CheckSweepShape(List<string> errors, SweepKnob knob, IReadOnlyList<double> values, List<AttackEntry> attacks, LpNorm norm, PlotLimits limits)
    {
        int maxSeries = Math.Min(TradeoffsLimits.MaxSeries, limits.SeriesPerPlot);
        int series = 1;
        if (SeriesBy != NoSeries)
        {
            var items = KnobValues.Names(SeriesValuesText);
            series = items.Count;
            if (TransferMatrix) errors.Add("A transfer matrix is one heatmap: choose 'one series' to draw it.");
            if (items.Count == 0) errors.Add("Give the values of the series (one series per value).");
            else if (items.Count > maxSeries) errors.Add($"At most {maxSeries} series per run, got {items.Count}.");
            if (items.Distinct(StringComparer.OrdinalIgnoreCase).Count() != items.Count) errors.Add("The series values repeat one another.");
            if (SeriesBy == SeriesBySource)
            {
                if (items.FirstOrDefault(i => i is not (WhiteBox or GrayBox)) is { } unknown)
                    errors.Add($"A series per source is '{WhiteBox}' (crafted on the defended model) or '{GrayBox}' (on its undefended twin), got '{unknown}'.");
                if (!HasAttack) errors.Add("A series per source needs an attack.");
            }
            else if (SeriesBy is not (SeriesByAttack or SeriesByModel))
            {
                if (SeriesKnob is not { } by) errors.Add($"Unknown series setting '{SeriesBy}'.");
                else if (by.Group == knob.Group) errors.Add($"{by.Title} and {knob.Title} set the same thing: choose another setting for the series.");
                else
                {
                    var (numbers, error) = KnobValues.Parse(SeriesValuesText, TradeoffsLimits.MaxSeries);
                    if (error is not null) errors.Add($"Series values of {by.Symbol}: {error}.");
                    CheckValues(errors, by, numbers, "Series values", norm);
                }
            }
        }
        if (TransferMatrix)
        {
            if (!knob.ChangesModel) errors.Add($"A transfer matrix crafts on the model at one value of the knob and measures it at another: {knob.Symbol} changes the attack, not the model.");
            if (!HasAttack) errors.Add("A transfer matrix needs an attack.");
            var (sources, error) = KnobValues.Parse(SourceValuesText, TradeoffsLimits.MaxMatrixSide);
            if (error is not null) errors.Add($"Source values of {knob.Symbol}: {error}.");
            CheckValues(errors, knob, sources, "Source values", norm);
            if (values.Count * Math.Max(1, sources.Count) > limits.PointsPerRun) errors.Add($"The matrix has more than {limits.PointsPerRun} cells.");
        }
        else if (values.Count * series > limits.PointsPerRun)
            errors.Add($"{values.Count} values × {series} series = {values.Count * series} points; at most {limits.PointsPerRun} per run.");
        if (Source == AttackSource.OtherModel && !TransferMatrix && SeriesBy != SeriesBySource && string.IsNullOrWhiteSpace(SourceModel)) errors.Add("Choose the model to craft the attack on.");
        if (Source != AttackSource.WhiteBox && !TransferMatrix && attacks.Count == 0) errors.Add("Crafting on another model needs an attack.");
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static void CheckValues(List<string> errors, SweepKnob knob, IReadOnlyList<double> values, string what, LpNorm norm)
    {
        if (values.Select(v => knob.Check(v, norm)).FirstOrDefault(p => p is not null) is { } problem) errors.Add($"{what} of {knob.Symbol}: {problem}.");
    }
}
