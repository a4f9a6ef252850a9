using System.Diagnostics;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Metrics;
using RobustLab.Engine.Training;

namespace RobustLab.Engine.Sweeps;

/// <summary>The state of one running sweep: its caches and its progress; computes one point at a time.</summary>
/// <remarks>
/// White-box points attack the defended model itself, batch by batch (batch b with seed + b). Transfer points craft
/// on the source model (or take the cached set) and measure the crafted examples on a fresh instance of the defended model.
/// Every point builds its own model instances from the shared weights, so a point depends only on its setup and on what
/// is reused (clean predictions, crafted examples).
/// </remarks>
internal sealed class SweepRun(SweepRequest request, IProgress<SweepProgress>? progress)
{
    private readonly SweepCache _cache = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _pointsDone;

    public SweepRequest Request { get; } = request;
    public string Series { get; } = request.SeriesLabel;

    public SweepPoint Evaluate(SweepCell cell, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var setup = cell.Setup;
        var attack = Request.Measures == SweepMeasures.CleanAccuracy ? null : setup.CreateAttack();
        AttackResult? result = null, crafted = null;
        int[] clean;
        if (attack is null)
        {
            clean = CleanPredictions(setup.Model, setup.Model.CreateClassifier(ct), setup, ct);
        }
        else if (setup.Source is null)
        {
            // White-box: the attack's own measurement is the point's (clean predictions passed in when known).
            result = AttackAll(setup.Model.CreateClassifier(ct), setup, attack, _cache.CleanPredictions(setup.Model), cell.Index, ct);
            clean = result.CleanPredictions;
            _cache.StoreCleanPredictions(setup.Model, clean);
        }
        else
        {
            var key = new CraftKey(setup.Source, setup.Attack!, setup.AttackSettings, setup.Target, setup.Seed, setup.BatchSize);
            crafted = _cache.CraftedFor(key) ?? AttackAll(setup.Source.CreateClassifier(ct), setup, attack, null, cell.Index, ct);
            _cache.StoreCrafted(key, crafted);
            var model = setup.Model.CreateClassifier(ct);
            clean = CleanPredictions(setup.Model, model, setup, ct);
            result = MeasureOn(model, setup, crafted, clean, ct);
        }
        float? zeroGradient = (Request.Measures & SweepMeasures.ZeroGradient) != 0
            ? ZeroGradient.Fraction(setup.Model.CreateClassifier(ct), setup.Data.Images, setup.Data.Labels, setup.BatchSize, ct)
            : null;
        PointDone((cell.Index + 1.0) / Request.PointCount);
        return Point(cell, clean, result, clock.Elapsed.TotalSeconds, crafted) with { ZeroGradientFraction = zeroGradient };
    }

    /// <summary>Builds the point record from the measured predictions, the attack result measured on the defended model (when
    /// there was an attack) and the result on the source model (for a transfer attack).</summary>
    public SweepPoint Point(SweepCell cell, int[] clean, AttackResult? result, double seconds, AttackResult? source = null)
    {
        var setup = cell.Setup;
        var m = Request.Measures;
        float? Pick(SweepMeasures flag, float? value) => (m & flag) != 0 ? value : null;
        float? Finite(float? v) => v is { } x && !float.IsNaN(x) ? x : null;
        int n = setup.Data.Count;
        float? cleanAccuracy = n == 0 ? null : (float)clean.Zip(setup.Data.Labels).Count(p => p.First == p.Second) / n;
        var s = result is null ? null : AdversarialMetrics.Summarize(result, setup.Data.Images);
        return new SweepPoint(Series, Request.Knob, cell.Index, cell.Value, cell.SourceValue, n,
            Pick(SweepMeasures.CleanAccuracy, cleanAccuracy),
            Pick(SweepMeasures.AdversarialAccuracy, Finite(s?.AdversarialAccuracy)), Pick(SweepMeasures.AttackSuccessRate, s?.AttackSuccessRate),
            Pick(SweepMeasures.FoolingRate, Finite(s?.FoolingRate)), Pick(SweepMeasures.Rho, s?.RhoL2), Pick(SweepMeasures.Rho, s?.RhoLinf),
            Pick(SweepMeasures.MeanPerturbation, s?.MeanL2), Pick(SweepMeasures.MeanPerturbation, s?.MeanLinf),
            Pick(SweepMeasures.TransferRate, source is null || result is null ? null : Metrics.TransferRate.Compute(source, result).RateOnTargetCorrect),
            Math.Round(seconds, 4), setup.Model.Label, setup.Source?.Label, result is null ? null : setup.AttackLabel)
        {
            MeanQueries = Queries(source ?? result, average: true),
            MedianQueries = Queries(source ?? result, average: false),
        };
    }

    /// <summary>Mean or median queries over the examples the black-box attack turned (on the model it queried); null without counts.</summary>
    private static float? Queries(AttackResult? r, bool average)
    {
        if (r?.Queries is not { } q) return null;
        var turned = Enumerable.Range(0, r.Count).Where(i => r.Success[i] && r.CleanPredictions[i] == r.Labels[i]).Select(i => (float)q[i]).Order().ToArray();
        if (turned.Length == 0) return null;
        return average ? turned.Average() : turned.Length % 2 == 1 ? turned[turned.Length / 2] : (turned[turned.Length / 2 - 1] + turned[turned.Length / 2]) / 2;
    }

    /// <summary>Reports overall progress: <paramref name="pointFraction"/> of the point at <paramref name="position"/> is done.</summary>
    public void Report(int position, double pointFraction) => ReportFraction((position + pointFraction) / Request.PointCount);

    /// <summary>Counts a point as done and reports the overall fraction of the sweep now done.</summary>
    public void PointDone(double fraction)
    {
        _pointsDone++;
        ReportFraction(fraction);
    }

    /// <summary>The clean predictions of <paramref name="model"/> on the data, from the cache or computed (and cached) now.</summary>
    public int[] CleanPredictions(ModelSpec model, IClassifier instance, SweepSetup setup, CancellationToken ct)
    {
        if (_cache.CleanPredictions(model) is { } known) return known;
        var predictions = Evaluator.Predict(instance, setup.Data.Images, setup.BatchSize, ct);
        _cache.StoreCleanPredictions(model, predictions);
        return predictions;
    }

    /// <summary>Reports the overall fraction done directly (a sweep whose points share one run).</summary>
    public void ReportFraction(double fraction) =>
        progress?.Report(new SweepProgress(Math.Clamp(fraction, 0, 1), _pointsDone, Request.PointCount, _clock.Elapsed));

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>The attack's context for batch <paramref name="batch"/>: seed, targets, known clean predictions, cancellation,
    /// and progress (<paramref name="report"/> gets the fraction of this batch's attack done).</summary>
    public static AttackContext Context(SweepSetup setup, int batch, int[]? targets, int[]? clean, CancellationToken ct, Action<double> report, Action<int, Tensors.Tensor>? iterate = null) =>
        new(targets, setup.Seed + batch, ct, new Relay(report), clean, iterate);

    /// <summary>Targets for a batch (null for untargeted attacks); "ll" reads the attacked model's clean logits.</summary>
    public static int[]? Targets(SweepSetup setup, Attack attack, IClassifier attacker, Tensors.Tensor x, int offset, out int[]? cleanPredictions)
    {
        cleanPredictions = null;
        if (!attack.Targeted) return null;
        var logits = attacker.Logits(x);
        cleanPredictions = SoftmaxCrossEntropy.Argmax(logits);
        return setup.Target!.Resolve(logits, setup.Data.Labels, offset, setup.Seed);
    }

    /// <summary>Runs the attack on <paramref name="attacked"/> over the data, batch by batch, and assembles the result.</summary>
    private AttackResult AttackAll(IClassifier attacked, SweepSetup setup, Attack attack, int[]? clean, int position, CancellationToken ct)
    {
        var data = setup.Data;
        var builder = new ResultBuilder(data.Images, data.Labels, attack.Targeted);
        int batches = (data.Count + setup.BatchSize - 1) / setup.BatchSize;
        foreach (var (b, start, count) in ResultBuilder.Batches(data.Count, setup.BatchSize))
        {
            ct.ThrowIfCancellationRequested(); // one-step attacks do not check it themselves
            var x = data.Images.Slice(start, count);
            var targets = Targets(setup, attack, attacked, x, start, out var fromLogits);
            var known = clean?[start..(start + count)] ?? fromLogits;
            var r = attack.Run(attacked, x, data.Labels[start..(start + count)], Context(setup, b, targets, known, ct, f => Report(position, (b + f) / batches)));
            builder.Add(start, r);
        }
        return builder.Build();
    }

    /// <summary>The crafted examples measured on the defended model (<see cref="Transfer.Evaluate"/>, batched, with known clean predictions).</summary>
    private static AttackResult MeasureOn(IClassifier model, SweepSetup setup, AttackResult crafted, int[] clean, CancellationToken ct)
    {
        var data = setup.Data;
        var builder = new ResultBuilder(data.Images, data.Labels, crafted.Targets is not null);
        foreach (var (_, start, count) in ResultBuilder.Batches(data.Count, setup.BatchSize))
        {
            ct.ThrowIfCancellationRequested();
            var range = start..(start + count);
            builder.Add(start, AttackResult.Measure(model, data.Images.Slice(start, count), crafted.Adversarial.Slice(start, count),
                data.Labels[range], crafted.Targets?[range], clean[range]));
        }
        return builder.Build();
    }

    /// <summary>A synchronous <see cref="IProgress{T}"/> (System.Progress posts to a context, which would reorder reports).</summary>
    private sealed class Relay(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
