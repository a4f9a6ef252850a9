using RobustLab.Engine.Catalog;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Data;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Sweeps;

namespace RobustLab.Web.Services.Tradeoffs;

// Settings → the engine's sweeps: the defended model, the attack and its source, one SweepRequest per series.
public sealed partial record TradeoffsState
{
    /// <summary>The run these settings describe, checked by the engine as well.</summary>
    /// <param name="models">The trained weights of a model of the registry, by name (throws when there is none).</param>
    /// <param name="data">The test set; the run uses its first <see cref="Examples"/> examples.</param>
    /// <param name="limits">The plot limits in force (RobustLab:Limits; the defaults when null).</param>
    /// <exception cref="ArgumentException">The settings are invalid (the message lists why), the engine refuses a
    /// combination, or the run would be too large.</exception>
    public SweepPlan ToPlan(Func<string, ModelSpec> models, Dataset data, PlotLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(data);
        if (Validate(limits) is { Count: > 0 } errors) throw new ArgumentException(string.Join(" ", errors));
        var values = Values(limits);
        IReadOnlyList<double>? sources = TransferMatrix ? KnobValues.Parse(SourceValuesText, TradeoffsLimits.MaxMatrixSide).Values : null;
        var subset = data.Subset(0, Math.Min(Examples, data.Count));
        var measures = HasAttack || SeriesBy == SeriesByAttack ? PlotMeasure.EngineMeasures(Measures) : SweepMeasures.CleanAccuracy;

        var trained = models(Model);
        var setup = Setup(Defended(trained), subset, HasAttack ? Attack : null, SourceFor(trained, models));
        var series = SeriesSetups(setup, models);
        var requests = series.Select(s => new SweepRequest(s.Setup, Knob, values, sources, SeriesLabel(s.Label), measures)).ToArray();
        double work = 0;
        foreach (var request in requests)
        {
            // NOTE: RunAsync checks the whole request (every point's setup) at once and throws for a bad one; points are
            // computed only when enumerated, so nothing runs here.
            try
            {
                _ = SweepRunner.RunAsync(request);
            }
            catch (FormatException e)
            {
                throw new ArgumentException(e.Message, e);
            }
            work += WorkEstimate.Of(request);
        }
        if (work > TradeoffsLimits.MaxWork)
            throw new ArgumentException($"This run needs about {work:0.#e0} example-gradients (test images × points × iterations × samples); " +
                $"the lab allows {TradeoffsLimits.MaxWork:0.#e0} per run. Use fewer test images, values, series or iterations.");
        var norm = setup.Attack is null ? Norm : setup.AttackSettings.Norm;
        return new SweepPlan(Knob, norm, values, sources, requests, HasAttack || SeriesBy == SeriesByAttack ? Measures : PlotMeasures.CleanAccuracy,
            Describe(requests[0], subset.Count), work);
    }

    /// <summary>The model with this page's test-time defenses (the swept knob and the series knob override theirs).</summary>
    private ModelSpec Defended(ModelSpec trained) => trained with
    {
        Activation = ActivationSpec,
        InputScale = UsesInputScale ? new InputScalingSpec((float)InputScale, InputClip) : null,
        Smoothing = UsesSmoothing ? new SmoothingSpec((float)Sigma, SmoothingSamples, Vote) : null,
        Seed = Seed,
    };

    // Where the attack is crafted: the model itself (null), its undefended ReLU twin, or another model, undefended.
    private ModelSpec? SourceFor(ModelSpec trained, Func<string, ModelSpec> models) => TransferMatrix || SeriesBy == SeriesBySource ? null : Source switch
    {
        AttackSource.GrayBox => Undefended(trained),
        AttackSource.OtherModel => Undefended(models(SourceModel)),
        _ => null,
    };

    private ModelSpec Undefended(ModelSpec trained) => trained with { Activation = Relu, InputScale = null, Smoothing = null, Seed = Seed };

    private SweepSetup Setup(ModelSpec model, Dataset data, string? attack, ModelSpec? source) =>
        new(model, data, attack, attack is null ? null : SettingsFor(attack), TargetFor(attack), source, Seed);

    /// <summary>The settings <paramref name="attack"/> reads; the ones it ignores stay at their defaults so that its label shows only what applies.</summary>
    private AttackSettings SettingsFor(string attack)
    {
        var entry = AttackCatalog.Get(attack);
        var settings = new AttackSettings(
            Norm: entry.Norm(Norm),
            Epsilon: Unbounded && entry.MinimalPerturbation ? float.PositiveInfinity : (float)Epsilon,
            RandomStart: entry.RandomStart && RandomStart);
        foreach (var knob in entry.Knobs) settings = knob.Set(settings, KnobValue(knob));
        return settings;
    }

    private TargetChoice? TargetFor(string? attack) => attack is not null && AttackCatalog.Get(attack).Targeted ? TargetChoice.Parse(Target) : null;

    // One setup per series, with the label that tells the series apart (null: the engine's label of the setup).
    private IReadOnlyList<(string? Label, SweepSetup Setup)> SeriesSetups(SweepSetup setup, Func<string, ModelSpec> models)
    {
        var items = KnobValues.Names(SeriesValuesText);
        switch (SeriesBy)
        {
            case NoSeries:
                return [(null, setup)];
            case SeriesByAttack:
                // The legend names each attack by its catalog title ("Step l.l.: towards the least likely class"), as the Lab does.
                return [.. items.Select(a => ((string?)(AttackCatalog.Find(a)?.Title ?? a), setup with { Attack = a, Settings = SettingsFor(a), Target = TargetFor(a) }))];
            case SeriesBySource:
                return [.. items.Select(s => s == GrayBox
                    ? ((string?)"gray-box (undefended twin)", setup with { Source = Undefended(setup.Model) })
                    : ((string?)"white-box", setup with { Source = null }))];
            case SeriesByModel:
                return [.. items.Select(name =>
                {
                    var trained = models(name);
                    return ((string?)name, setup with { Model = Defended(trained), Source = Source == AttackSource.GrayBox ? Undefended(trained) : setup.Source });
                })];
            default:
                var by = SeriesKnob!;
                var knob = SweepKnobs.Get(by.Name);
                return [.. KnobValues.Parse(SeriesValuesText, TradeoffsLimits.MaxSeries).Values.Select(v => ((string?)by.Label(v), knob.Apply(setup, v)))];
        }
    }

    private string? SeriesLabel(string? variant)
    {
        string name = SeriesName.Trim();
        if (variant is null) return name.Length == 0 ? null : name;
        return name.Length == 0 ? variant : $"{name} · {variant}";
    }

    // "lenet-like · kappa · pgd L∞ ε=0.1 steps=20 · 200 test images", or "… · one series per α · …".
    private string Describe(SweepRequest first, int examples)
    {
        var parts = new List<string>();
        if (SeriesBy == NoSeries) parts.Add(new SweepRequest(first.Setup, Knob, first.Values, first.SourceValues).SeriesLabel);
        else
        {
            parts.Add(SeriesBy == SeriesByModel ? "models" : first.Setup.Model.Name ?? first.Setup.Model.Architecture);
            parts.Add(Knob);
            if (SeriesBy != SeriesByAttack) parts.Add(first.Setup.DescribeAttack(Knob != SweepKnobs.Epsilon, Knob != SweepKnobs.IterationsName) ?? "clean");
            parts.Add($"one series per {(SeriesKnob is { } k ? k.Symbol : SeriesBy)}");
            if (first.Setup.Source is { } source) parts.Add($"crafted on {(Source == AttackSource.GrayBox ? "the ReLU twin" : source.Label)}");
        }
        parts.Add($"{examples:N0} test image{(examples == 1 ? "" : "s")}");
        return string.Join(" · ", parts);
    }
}
