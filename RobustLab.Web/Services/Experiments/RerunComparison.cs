using RobustLab.Engine.Sweeps;
using RobustLab.Web.Services.Training;

namespace RobustLab.Web.Services.Experiments;

/// <summary>One measurement of one point, stored and re-run: equal, or apart by <see cref="Difference"/>.</summary>
/// <param name="Point">The point's position in its stream (0-based).</param>
/// <param name="Label">Which point, in words ("eps = 0.15 · lenet-like, relu · eps · fgsm L∞", "epoch 2").</param>
/// <param name="Measure">The measurement's field name ("adversarial_accuracy").</param>
public sealed record MeasureComparison(int Point, string Label, string Measure, double? Stored, double? Rerun)
{
    /// <summary>Exactly equal (seeded runs are deterministic), or both absent.</summary>
    public bool Equal => Stored == Rerun || (Stored is { } s && Rerun is { } r && double.IsNaN(s) && double.IsNaN(r));

    /// <summary>|stored − re-run|; null when one side has no value.</summary>
    public double? Difference => Stored is { } s && Rerun is { } r ? Math.Abs(s - r) : null;
}

/// <summary>A re-run's points next to the stored ones, measure by measure.</summary>
/// <param name="StoredPoints">Points the experiment had.</param>
/// <param name="RerunPoints">Points the re-run produced.</param>
public sealed record RerunComparison(int StoredPoints, int RerunPoints, IReadOnlyList<MeasureComparison> Measures)
{
    /// <summary>The measurements that differ.</summary>
    public IReadOnlyList<MeasureComparison> Mismatches => [.. Measures.Where(m => !m.Equal)];

    /// <summary>Same number of points and every measurement equal.</summary>
    public bool Matches => StoredPoints == RerunPoints && Measures.All(m => m.Equal);

    /// <summary>The largest difference found (0 when all are equal).</summary>
    public double MaxDifference => Measures.Select(m => m.Difference ?? 0).DefaultIfEmpty(0).Max();

    /// <summary>One line for a page: "All 12 points match exactly." or "3 of 48 measurements differ (largest 0.015); 1 point missing."</summary>
    public string Summary
    {
        get
        {
            if (Matches) return StoredPoints == 1 ? "The one point matches exactly." : $"All {StoredPoints} points match exactly.";
            var parts = new List<string>();
            int mismatches = Mismatches.Count;
            if (mismatches > 0) parts.Add($"{mismatches} of {Measures.Count} measurements differ (largest {MaxDifference:G4})");
            if (StoredPoints != RerunPoints) parts.Add($"the re-run has {RerunPoints} points, the stored run {StoredPoints}");
            return string.Join("; ", parts) + ".";
        }
    }

    /// <summary>Sweeps: point by point in order, every measurement except the time it took.</summary>
    public static RerunComparison Of(IReadOnlyList<SweepPoint> stored, IReadOnlyList<SweepPoint> rerun)
    {
        var measures = new List<MeasureComparison>();
        for (int i = 0; i < Math.Min(stored.Count, rerun.Count); i++)
        {
            var (a, b) = (stored[i], rerun[i]);
            string label = $"{a.Knob ?? "point"} = {a.Value?.ToString("G6", System.Globalization.CultureInfo.InvariantCulture) ?? "–"} · {a.Series}";
            void Add(string measure, double? x, double? y) => measures.Add(new MeasureComparison(i, label, measure, x, y));
            Add("value", a.Value, b.Value);
            Add("source_value", a.SourceValue, b.SourceValue);
            Add("examples", a.Examples, b.Examples);
            Add("clean_accuracy", a.CleanAccuracy, b.CleanAccuracy);
            Add("adversarial_accuracy", a.AdversarialAccuracy, b.AdversarialAccuracy);
            Add("attack_success_rate", a.AttackSuccessRate, b.AttackSuccessRate);
            Add("fooling_rate", a.FoolingRate, b.FoolingRate);
            Add("rho_l2", a.RhoL2, b.RhoL2);
            Add("rho_linf", a.RhoLinf, b.RhoLinf);
            Add("mean_l2", a.MeanL2, b.MeanL2);
            Add("mean_linf", a.MeanLinf, b.MeanLinf);
            Add("transfer_rate", a.TransferRate, b.TransferRate);
        }
        return new RerunComparison(stored.Count, rerun.Count, measures);
    }

    /// <summary>Training: the epoch results, then the curve points.</summary>
    public static RerunComparison Of(IReadOnlyList<EpochPoint> storedEpochs, IReadOnlyList<TrainingPoint> storedCurve,
        IReadOnlyList<EpochPoint> rerunEpochs, IReadOnlyList<TrainingPoint> rerunCurve)
    {
        var measures = new List<MeasureComparison>();
        for (int i = 0; i < Math.Min(storedEpochs.Count, rerunEpochs.Count); i++)
        {
            var (a, b) = (storedEpochs[i], rerunEpochs[i]);
            string label = $"epoch {a.Epoch}";
            measures.Add(new(i, label, "loss", a.Loss, b.Loss));
            measures.Add(new(i, label, "train_accuracy", a.TrainAccuracy, b.TrainAccuracy));
            measures.Add(new(i, label, "test_accuracy", a.TestAccuracy, b.TestAccuracy));
        }
        for (int i = 0; i < Math.Min(storedCurve.Count, rerunCurve.Count); i++)
        {
            var (a, b) = (storedCurve[i], rerunCurve[i]);
            string label = $"curve at epoch {a.Epoch:0.###}";
            measures.Add(new(i, label, "epoch", a.Epoch, b.Epoch));
            measures.Add(new(i, label, "loss", a.Loss, b.Loss));
            measures.Add(new(i, label, "accuracy", a.Accuracy, b.Accuracy));
        }
        return new RerunComparison(storedEpochs.Count + storedCurve.Count, rerunEpochs.Count + rerunCurve.Count, measures);
    }

    /// <summary>Lab snapshots: attack by attack (undefended, defended), its predictions, success, ‖δ‖ and every class's probability.</summary>
    public static RerunComparison Of(IReadOnlyList<LabSnapshotPoint> stored, IReadOnlyList<LabSnapshotPoint> rerun)
    {
        var measures = new List<MeasureComparison>();
        for (int i = 0; i < Math.Min(stored.Count, rerun.Count); i++)
        {
            var (a, b) = (stored[i], rerun[i]);
            string label = $"{a.Title} · {a.Model}";
            void Add(string measure, double? x, double? y) => measures.Add(new MeasureComparison(i, label, measure, x, y));
            Add("target", a.Target, b.Target);
            Add("clean_prediction", a.CleanPrediction, b.CleanPrediction);
            Add("adversarial_prediction", a.AdversarialPrediction, b.AdversarialPrediction);
            Add("success", a.Success ? 1 : 0, b.Success ? 1 : 0);
            Add("linf", a.Linf, b.Linf);
            Add("l2", a.L2, b.L2);
            Add("relative_l2", a.Relative, b.Relative);
            for (int k = 0; k < Math.Max(a.CleanProbabilities.Length, b.CleanProbabilities.Length); k++)
                Add($"p_clean[{k}]", At(a.CleanProbabilities, k), At(b.CleanProbabilities, k));
            for (int k = 0; k < Math.Max(a.AdversarialProbabilities.Length, b.AdversarialProbabilities.Length); k++)
                Add($"p_adversarial[{k}]", At(a.AdversarialProbabilities, k), At(b.AdversarialProbabilities, k));
        }
        return new RerunComparison(stored.Count, rerun.Count, measures);
    }

    private static double? At(float[] values, int k) => k < values.Length ? values[k] : null;
}
