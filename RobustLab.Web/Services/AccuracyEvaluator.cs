using RobustLab.Engine.Data;
using RobustLab.Engine.Metrics;
using RobustLab.Engine.Models;

namespace RobustLab.Web.Services;

/// <summary>Top-1 accuracy of a network on a labelled set: inference-mode forward in batches, argmax of the logits.</summary>
/// <remarks>
/// accuracy = (1/N) Σₙ [argmaxₖ logits[n,k] = label[n]]; ties go to the lowest class index.
/// The engine's <see cref="Evaluator"/> with progress and a running count; it knows nothing of ASP.NET,
/// so it can move into the engine unchanged.
/// </remarks>
public static class AccuracyEvaluator
{
    public const int BatchSize = 256;

    /// <summary>Evaluates the first <paramref name="limit"/> examples (all when null), reporting after every batch.</summary>
    public static AccuracyResult Evaluate(Network network, Dataset data, int? limit = null,
        IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        if (limit < 0) throw new ArgumentOutOfRangeException(nameof(limit), $"Limit must be ≥ 0, got {limit}.");
        int total = Math.Min(limit ?? data.Count, data.Count);
        int correct = 0;
        for (int start = 0; start < total; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(BatchSize, total - start);
            var logits = network.Forward(data.Images.Slice(start, count), training: false); // [n,K]
            correct += Evaluator.CountCorrect(logits, data.Labels.AsSpan(start, count));
            progress?.Report(new EvaluationProgress(start + count, total, correct));
        }
        return new AccuracyResult(correct, total);
    }
}
